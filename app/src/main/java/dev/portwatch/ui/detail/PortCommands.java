package dev.portwatch.ui.detail;

import dev.portwatch.core.service.ServiceMatch;
import dev.portwatch.model.Addresses;
import dev.portwatch.model.Listener;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.SocketState;
import dev.portwatch.os.OsFamily;

import java.util.Optional;
import java.util.Set;

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

    /**
     * Ports dev servers use by convention (Rails/Node 3000, Angular 4200, Flask 5000, Vite 5173, Django 8000, 8080,
     * 8081, Jupyter 8888, 9000): when nothing but the port number identifies a listener there, it is most likely
     * a web server.
     */
    private static final Set<Integer> DEV_HTTP_PORTS = Set.of(3000, 4200, 5000, 5173, 8000, 8080, 8081, 8888, 9000);

    /**
     * The URL to open in a browser, only for a TCP listener that looks like an HTTP server: its service is a web
     * server (a dev or app server recognised from the command line, an HTTP port's IANA name such as
     * {@code http-alt}, a container's HTTP port), or nothing more than a guess names it and its port is a
     * conventional dev-server port (3000, 4200, 5000, 5173, 8000, 8080, 8081, 8888, 9000). A debugger, a database or
     * an unrecognised port gets none: a browser there shows nothing useful, or talks to a protocol it should not.
     *
     * @param service what the service identifier recognised on the socket
     */
    public static Optional<String> browserUrl(Listener listener, Optional<ServiceMatch> service) {
        boolean web = service.map(ServiceMatch::web).orElse(false)
                || (service.map(ServiceMatch::guess).orElse(true) && DEV_HTTP_PORTS.contains(listener.port()));
        return web ? url(listener) : Optional.empty();
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
