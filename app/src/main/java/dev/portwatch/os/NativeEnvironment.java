package dev.portwatch.os;

import dev.portwatch.os.linux.LibcEnvironment;

/**
 * The C library's side of this process, which Java cannot reach: variables native libraries (GTK under JavaFX) read,
 * and {@code malloc}'s tuning.
 */
public final class NativeEnvironment {

    private NativeEnvironment() {
    }

    /**
     * Sets {@code name} to {@code value} unless it is set already; on Linux only, elsewhere it does nothing. Call it
     * before the native library that reads it loads, while no other thread reads the environment.
     *
     * @return true when the variable now has a value (this one or the one it had)
     */
    public static boolean setIfAbsent(String name, String value) {
        return OsFamily.current() == OsFamily.LINUX && LibcEnvironment.setIfAbsent(name, value);
    }

    /**
     * Caps the C library's per-thread heaps (glibc's arenas) at {@code arenas}, for a long-running process whose
     * native threads allocate little; Linux only. Call it early: heaps made before stay.
     */
    public static void limitMallocArenas(int arenas) {
        if (OsFamily.current() == OsFamily.LINUX) {
            LibcEnvironment.limitMallocArenas(arenas);
        }
    }
}
