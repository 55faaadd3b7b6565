package dev.portwatch.core.settings;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigDirectoryTest {

    @Test
    void linuxUsesXdgConfigHomeElseDotConfig() {
        assertThat(ConfigDirectory.resolve(Optional.empty(), "Linux", "/home/ann", Map.of("XDG_CONFIG_HOME", "/x/cfg")))
                .isEqualTo(Path.of("/x/cfg/portwatch"));
        assertThat(ConfigDirectory.resolve(Optional.empty(), "Linux", "/home/ann", Map.of()))
                .isEqualTo(Path.of("/home/ann/.config/portwatch"));
        assertThat(ConfigDirectory.resolve(Optional.empty(), "Linux", "/home/ann", Map.of("XDG_CONFIG_HOME", "rel")))
                .as("a relative XDG_CONFIG_HOME is ignored").isEqualTo(Path.of("/home/ann/.config/portwatch"));
    }

    @Test
    void macUsesApplicationSupport() {
        assertThat(ConfigDirectory.resolve(Optional.empty(), "Mac OS X", "/Users/ann", Map.of()))
                .isEqualTo(Path.of("/Users/ann/Library/Application Support/portwatch"));
    }

    @Test
    void windowsUsesAppData() {
        assertThat(ConfigDirectory.resolve(Optional.empty(), "Windows 11", "/home/ann", Map.of("APPDATA", "/appdata")))
                .isEqualTo(Path.of("/appdata", "portwatch"));
    }

    @Test
    void thePropertyOverridesEverything() {
        assertThat(ConfigDirectory.resolve(Optional.of("/tmp/pw"), "Linux", "/home/ann", Map.of()))
                .isEqualTo(Path.of("/tmp/pw"));
        assertThat(ConfigDirectory.resolve()).as("surefire sets the property")
                .isEqualTo(Path.of(System.getProperty(ConfigDirectory.PROPERTY)));
    }

    @Test
    void dataFollowsTheSameConventionsWithItsOwnVariables() {
        assertThat(UserDirectory.DATA.resolve(Optional.empty(), "Linux", "/home/ann", Map.of()))
                .isEqualTo(Path.of("/home/ann/.local/share/portwatch"));
        assertThat(UserDirectory.DATA.resolve(Optional.empty(), "Linux", "/home/ann",
                Map.of("XDG_DATA_HOME", "/x/data", "XDG_CONFIG_HOME", "/x/cfg")))
                .isEqualTo(Path.of("/x/data/portwatch"));
        assertThat(UserDirectory.DATA.resolve(Optional.empty(), "Windows 11", "/home/ann",
                Map.of("APPDATA", "/roaming", "LOCALAPPDATA", "/local")))
                .isEqualTo(Path.of("/local", "portwatch"));
        assertThat(UserDirectory.DATA.resolve(Optional.empty(), "Windows 11", "/home/ann", Map.of()))
                .isEqualTo(Path.of("/home/ann/AppData/Local/portwatch"));
        assertThat(UserDirectory.DATA.resolve()).as("surefire sets the property")
                .isEqualTo(Path.of(System.getProperty("portwatch.dataDir")));
    }
}
