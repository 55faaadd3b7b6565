package dev.portwatch.core.desktop;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class DesktopColorSchemeTest {

    private final List<List<String>> asked = new ArrayList<>();

    private Function<List<String>, Optional<String>> gsettings(String colorScheme, String gtkTheme) {
        return command -> {
            asked.add(command);
            String key = command.get(command.size() - 1);
            String value = key.equals("color-scheme") ? colorScheme : gtkTheme;
            return Optional.ofNullable(value).map(v -> v + "\n");
        };
    }

    @Test
    void gnomePreferDarkIsDarkAndPreferLightIsLight() {
        assertThat(DesktopColorScheme.decide(Map.of(), gsettings("'prefer-dark'", "'Adwaita'"), Optional.empty()))
                .isEqualTo(ColorScheme.DARK);
        assertThat(DesktopColorScheme.decide(Map.of(), gsettings("'prefer-light'", "'Adwaita-dark'"),
                Optional.empty())).isEqualTo(ColorScheme.LIGHT);
    }

    @Test
    void defaultColorSchemeFallsBackToADarkThemeName() {
        assertThat(DesktopColorScheme.decide(Map.of(), gsettings("'default'", "'Yaru-dark'"), Optional.empty()))
                .isEqualTo(ColorScheme.DARK);
        assertThat(DesktopColorScheme.decide(Map.of(), gsettings("'default'", "'Yaru'"), Optional.empty()))
                .isEqualTo(ColorScheme.LIGHT);
    }

    @Test
    void gtkThemeVariableWinsAndNeedsNoCommand() {
        assertThat(DesktopColorScheme.decide(Map.of("GTK_THEME", "Adwaita:dark"), gsettings("'prefer-light'", null),
                Optional.empty())).isEqualTo(ColorScheme.DARK);
        assertThat(DesktopColorScheme.decide(Map.of("GTK_THEME", "Adwaita"), gsettings("'prefer-dark'", null),
                Optional.empty())).isEqualTo(ColorScheme.LIGHT);
        assertThat(asked).isEmpty();
    }

    @Test
    void kdeBreezeDarkIsDarkWhenThereIsNoGsettings() {
        String kde = "[KDE]\nColorScheme=Ignored\n[General]\nColorScheme=BreezeDark\nwidgetStyle=Breeze\n";
        assertThat(DesktopColorScheme.decide(Map.of(), gsettings(null, null), Optional.of(kde)))
                .isEqualTo(ColorScheme.DARK);
        assertThat(DesktopColorScheme.decide(Map.of(), gsettings(null, null),
                Optional.of("[General]\nColorScheme=BreezeLight\n"))).isEqualTo(ColorScheme.LIGHT);
    }

    @Test
    void noAnswerAnywhereIsLight() {
        assertThat(DesktopColorScheme.decide(Map.of(), command -> Optional.empty(), Optional.empty()))
                .isEqualTo(ColorScheme.LIGHT);
    }

    @Test
    void detectOnThisMachineAnswersWithoutADesktop() {
        // No GNOME session here: gsettings is missing or answers 'default'; detect must not hang or throw.
        assertThat(DesktopColorScheme.detect()).isNotNull();
    }
}
