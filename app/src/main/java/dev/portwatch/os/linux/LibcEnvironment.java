package dev.portwatch.os.linux;

import com.sun.jna.Library;
import com.sun.jna.Native;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tunes this process's C library, which Java itself cannot: variables in its C environment, read by native libraries
 * loaded later (GTK under JavaFX), and {@code malloc}'s arenas. Through JNA's libc binding; Linux.
 */
public final class LibcEnvironment {

    private static final Logger LOG = Logger.getLogger(LibcEnvironment.class.getName());

    /** The libc call. */
    interface LibC extends Library {
        int setenv(String name, String value, int overwrite);

        int mallopt(int param, int value);
    }

    /** glibc's {@code M_ARENA_MAX}. */
    private static final int M_ARENA_MAX = -8;

    private LibcEnvironment() {
    }

    /**
     * Sets {@code name} to {@code value} unless it is set already. Call it before the native library that reads it
     * loads, and while no other thread reads the environment (libc's {@code setenv} is not thread-safe).
     *
     * @return true when the variable now has a value (this one or the one it had); false when libc was unreachable
     */
    public static boolean setIfAbsent(String name, String value) {
        try {
            return Native.load("c", LibC.class).setenv(name, value, 0) == 0;
        } catch (LinkageError | RuntimeException e) {
            LOG.log(Level.INFO, "cannot set " + name + " for native libraries: " + e.getMessage());
            return false;
        }
    }

    /**
     * Caps how many heaps glibc's {@code malloc} keeps for threads that allocate at once. By default it adds one per
     * thread that meets contention, up to eight per core, each holding on to freed memory; a desktop window's
     * threads (GTK, rendering, the JVM's) allocate little, and share two well. Arenas made before the call stay.
     *
     * @return false when libc was unreachable or is not glibc
     */
    public static boolean limitMallocArenas(int arenas) {
        try {
            return Native.load("c", LibC.class).mallopt(M_ARENA_MAX, arenas) == 1;
        } catch (LinkageError | RuntimeException e) {
            LOG.log(Level.INFO, "cannot limit malloc arenas: " + e.getMessage());
            return false;
        }
    }
}
