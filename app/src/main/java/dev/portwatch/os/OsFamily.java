package dev.portwatch.os;

import java.util.Locale;

/** The operating system families portwatch tells apart. The one place that reads {@code os.name}. */
public enum OsFamily {
    /** Linux: {@code /proc}, netlink, signals, {@code setsid}. */
    LINUX,
    /** macOS. */
    MAC,
    /** Windows. */
    WINDOWS,
    /** Any other Unix-like system. */
    OTHER;

    /** The family of the OS this JVM runs on. */
    public static OsFamily current() {
        return of(System.getProperty("os.name", ""));
    }

    /**
     * The family for an {@code os.name} value ({@code "Linux"}, {@code "Mac OS X"}, {@code "Windows 11"}).
     *
     * @param osName the {@code os.name} system property's value; empty gives {@link #OTHER}
     */
    public static OsFamily of(String osName) {
        String name = osName.toLowerCase(Locale.ROOT);
        if (name.startsWith("windows")) {
            return WINDOWS;
        }
        if (name.startsWith("mac")) {
            return MAC;
        }
        return name.contains("linux") ? LINUX : OTHER;
    }
}
