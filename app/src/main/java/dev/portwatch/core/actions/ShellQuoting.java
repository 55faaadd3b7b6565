package dev.portwatch.core.actions;

import dev.portwatch.model.ByteString;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Shows an argument vector as a line users can paste into a POSIX shell. Pure functions. */
public final class ShellQuoting {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellQuoting() {
    }

    /** One argument, single-quoted when it holds anything a shell would interpret. */
    public static String quote(String argument) {
        if (!argument.isEmpty() && SAFE.matcher(argument).matches()) {
            return argument;
        }
        return "'" + argument.replace("'", "'\\''") + "'";
    }

    /**
     * An argument vector held as bytes, as a line bash or zsh turns back into exactly these bytes: arguments with
     * control characters or bytes that are not UTF-8 are written as {@code $'...'} with {@code \n} and {@code \xHH}
     * escapes; the others as {@link #quote} writes them.
     */
    public static String joinExact(List<ByteString> arguments) {
        return arguments.stream().map(ShellQuoting::quoteExact).collect(Collectors.joining(" "));
    }

    private static String quoteExact(ByteString argument) {
        String text = argument.text();
        if (argument.isUtf8() && text.chars().noneMatch(c -> c < 0x20 || c == 0x7F)) {
            return quote(text);
        }
        StringBuilder out = new StringBuilder("$'");
        for (byte b : argument.toArray()) {
            int c = b & 0xFF;
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c >= 0x7F) {
                        out.append(String.format("\\x%02x", c));
                    } else {
                        out.append((char) c);
                    }
                }
            }
        }
        return out.append('\'').toString();
    }

    /** The whole vector, arguments quoted as needed and separated by spaces. */
    public static String join(List<String> arguments) {
        return arguments.stream().map(ShellQuoting::quote).collect(Collectors.joining(" "));
    }
}
