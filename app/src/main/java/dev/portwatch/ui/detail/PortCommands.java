package dev.portwatch.ui.detail;

import dev.portwatch.model.Addresses;
import dev.portwatch.model.Listener;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.SocketState;
import dev.portwatch.os.OsFamily;

import java.util.Optional;

/** The commands and addresses the detail pane offers to copy or open for a socket. Pure functions. */
public final class PortCommands {

    private PortCommands() {
    }

    /**
     * The URL a browser should open for a TCP listener: wildcard binds become {@code localhost}, IPv6 addresses
     * get brackets, IPv4-mapped IPv6 addresses lose their prefix.
     *
     * @return the URL, or empty for UDP sockets and connections
     */
    public static Optional<String> url(Listener listener) {
        if (listener.protocol() != Protocol.TCP || listener.state() != SocketState.LISTEN) {
            return Optional.empty();
        }
        return Optional.of("http://" + host(listener.address()) + ":" + listener.port() + "/");
    }

    /** A {@code curl} line for a TCP listener, or empty when there is no URL. */
    public static Optional<String> curl(Listener listener) {
        return url(listener).map(url -> "curl -v " + url);
    }

    /** The lsof command that shows who holds the port on Linux and macOS. */
    public static String lsof(Listener listener) {
        return "lsof -nP -i " + (listener.protocol() == Protocol.UDP ? "UDP" : "TCP") + ":" + listener.port();
    }

    /** The command that shows who holds the port on the OS this runs on; see {@link #netstat(Listener, OsFamily)}. */
    public static String netstat(Listener listener) {
        return netstat(listener, OsFamily.current());
    }

    /**
     * The native command that shows who holds the port: {@code ss -ltnp 'sport = :P'} on Linux ({@code -lunp} for
     * UDP; netstat is deprecated there and often missing), {@code netstat -anv -p tcp | grep '.P '} on macOS, and
     * {@code netstat -ano | findstr :P} on Windows.
     */
    public static String netstat(Listener listener, OsFamily os) {
        int port = listener.port();
        boolean udp = listener.protocol() == Protocol.UDP;
        return switch (os) {
            case LINUX -> "ss -" + (udp ? "lunp" : "ltnp") + " 'sport = :" + port + "'";
            case WINDOWS -> "netstat -ano | findstr :" + port;
            case MAC, OTHER -> "netstat -anv -p " + (udp ? "udp" : "tcp") + " | grep '\\." + port + " '";
        };
    }

    /** The label of the button that copies {@link #netstat(Listener)}: "Copy ss" on Linux. */
    public static String netstatLabel() {
        return OsFamily.current() == OsFamily.LINUX ? "Copy ss" : "Copy netstat";
    }

    private static String host(String address) {
        if (Addresses.isWildcard(address)) {
            // A browser reaches a wildcard bind through loopback; localhost tries both address families.
            return "localhost";
        }
        if (address.startsWith("::ffff:") && address.indexOf('.') > 0) {
            return address.substring("::ffff:".length());
        }
        return address.indexOf(':') >= 0 ? "[" + address + "]" : address;
    }
}
