package dev.portwatch.os.linux;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.portwatch.model.SocketUser;

import java.util.HashMap;
import java.util.Map;

/**
 * Names numeric uids through the C library's {@code getpwuid}, so users from LDAP or systemd's dynamic users are
 * named as {@code ls -l} would name them, not only those in {@code /etc/passwd}. Cached: a uid's name does not
 * change while portwatch runs. Thread-safe ({@code getpwuid} returns a static buffer, so calls are serialised).
 */
final class UserNames {

    /** The one libc call needed; loaded lazily so a machine without JNA still scans (names become numbers). */
    interface PasswdLib extends Library {
        Pointer getpwuid(int uid);
    }

    private static final Object LIBC_LOCK = new Object();
    private static PasswdLib libc;
    private static boolean unavailable;

    private final Map<Integer, SocketUser> byUid = new HashMap<>();

    /** The user for {@code uid}: its login name, or the number as text when nothing names it. */
    synchronized SocketUser of(int uid) {
        return byUid.computeIfAbsent(uid, u -> new SocketUser(u, lookUp(u)));
    }

    private static String lookUp(int uid) {
        synchronized (LIBC_LOCK) {
            if (libc == null && !unavailable) {
                try {
                    libc = Native.load("c", PasswdLib.class);
                } catch (LinkageError | RuntimeException e) {
                    unavailable = true;
                }
            }
            if (libc == null) {
                return Integer.toString(uid);
            }
            Pointer entry = libc.getpwuid(uid);
            // struct passwd starts with char *pw_name.
            Pointer name = entry == null ? null : entry.getPointer(0);
            return name == null ? Integer.toString(uid) : name.getString(0);
        }
    }
}
