package dev.portwatch.core.desktop;

import java.util.List;
import java.util.regex.Pattern;

/** Writing values of freedesktop.org Desktop Entry files. */
final class DesktopEntries {

    /** Characters that make the spec require an argument to be quoted. */
    private static final Pattern NEEDS_QUOTES = Pattern.compile("[\\s\"'\\\\><~|&;$*?#()`]");

    private DesktopEntries() {
    }

    /**
     * An {@code Exec} value that runs exactly this argument list: each argument that needs it is double-quoted with
     * {@code " ` $ \} backslash-escaped, {@code %} is doubled (field codes), and then the whole value is escaped as a
     * Desktop Entry string (a backslash written twice). An argument with a line break or another control character
     * cannot be written and is refused.
     *
     * @throws AutostartException when an argument cannot be written
     */
    static String exec(List<String> command) throws AutostartException {
        var value = new StringBuilder();
        for (String argument : command) {
            if (argument.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new AutostartException("portwatch's launch command has a line break or control character, "
                        + "which an autostart entry cannot hold.");
            }
            if (value.length() > 0) {
                value.append(' ');
            }
            String percentSafe = argument.replace("%", "%%");
            if (argument.isEmpty() || NEEDS_QUOTES.matcher(argument).find()) {
                value.append('"');
                for (char c : percentSafe.toCharArray()) {
                    if (c == '"' || c == '`' || c == '$' || c == '\\') {
                        value.append('\\');
                    }
                    value.append(c);
                }
                value.append('"');
            } else {
                value.append(percentSafe);
            }
        }
        // The string-level escape applies on top of the quoting rules: every backslash is written as two.
        return value.toString().replace("\\", "\\\\");
    }
}
