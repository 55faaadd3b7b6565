package dev.portwatch.ui.theme;

import dev.portwatch.ui.PortwatchApp;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The row-state colours stay readable in both themes: every background keeps WCAG AA contrast (4.5:1) with the row
 * text of its theme, and the dark theme defines every colour the light one does.
 */
class ThemeColoursTest {

    /** The row-state backgrounds that text is drawn on (at least these; every one the CSS uses is checked). */
    private static final List<String> ROW_BACKGROUNDS = List.of("-pw-new", "-pw-new-selected", "-pw-closing",
            "-pw-closing-selected", "-pw-conflict", "-pw-conflict-selected", "-pw-exposed", "-pw-exposed-selected");

    private static final Pattern BLOCK = Pattern.compile("(?m)^\\.root(:dark)?\\s*\\{([^}]*)}");
    /** A rule for table rows or list cells, and the last (innermost) layer of its background. */
    private static final Pattern CELL_BACKGROUND = Pattern.compile(
            "(?m)^[^{}]*(?:table-row-cell|list-cell)[^{}]*\\{[^}]*-fx-background-color:[^;]*?(-pw-[a-z-]+)\\s*;");
    private static final Pattern COLOUR = Pattern.compile("(-pw-[a-z-]+):\\s*#([0-9a-fA-F]{6});");

    @Test
    void everyRowStateIsReadableInBothThemes() throws IOException {
        Map<String, Map<String, String>> themes = themes();
        assertThat(themes).containsOnlyKeys("light", "dark");
        Set<String> backgrounds = rowBackgrounds();
        // The scan of the CSS finds the known ones, so a new row state (its colour) cannot slip past this test.
        assertThat(backgrounds).containsAll(ROW_BACKGROUNDS);
        for (var theme : themes.entrySet()) {
            Map<String, String> colours = theme.getValue();
            String text = colours.get("-pw-row-text");
            assertThat(text).as("row text in " + theme.getKey()).isNotNull();
            for (String background : backgrounds) {
                assertThat(colours).as(theme.getKey()).containsKey(background);
                assertThat(contrast(text, colours.get(background)))
                        .as(background + " under " + text + " in the " + theme.getKey() + " theme")
                        .isGreaterThanOrEqualTo(4.5);
            }
        }
    }

    @Test
    void darkDefinesEveryColourLightDoesWithItsOwnValues() throws IOException {
        Map<String, Map<String, String>> themes = themes();
        assertThat(themes.get("dark").keySet()).isEqualTo(themes.get("light").keySet());
        for (String background : ROW_BACKGROUNDS) {
            assertThat(themes.get("dark").get(background)).isNotEqualTo(themes.get("light").get(background));
        }
    }

    /** Every looked-up colour that a table-row or list-cell rule paints its innermost background layer with. */
    private static Set<String> rowBackgrounds() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher rule = CELL_BACKGROUND.matcher(css());
        while (rule.find()) {
            names.add(rule.group(1));
        }
        return names;
    }

    private static String css() throws IOException {
        try (InputStream in = PortwatchApp.class.getResourceAsStream("portwatch.css")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, Map<String, String>> themes() throws IOException {
        String css = css();
        Map<String, Map<String, String>> themes = new LinkedHashMap<>();
        Matcher block = BLOCK.matcher(css);
        while (block.find()) {
            var colours = themes.computeIfAbsent(block.group(1) == null ? "light" : "dark", k -> new LinkedHashMap<>());
            Matcher colour = COLOUR.matcher(block.group(2));
            while (colour.find()) {
                colours.put(colour.group(1), colour.group(2));
            }
        }
        return themes;
    }

    /** WCAG 2 contrast ratio of two sRGB colours given as six hex digits. */
    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        double r = channel(Integer.parseInt(hex.substring(0, 2), 16));
        double g = channel(Integer.parseInt(hex.substring(2, 4), 16));
        double b = channel(Integer.parseInt(hex.substring(4, 6), 16));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    }

    private static double channel(int value) {
        double c = value / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
