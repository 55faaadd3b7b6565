package dev.portwatch.model;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Classifies bind addresses (given as canonical text) the way a developer reasons about reachability. */
public final class Addresses {

    /** The IPv4 wildcard address. */
    public static final String ANY_V4 = "0.0.0.0";
    /** The IPv6 wildcard address, in canonical compressed form. */
    public static final String ANY_V6 = "::";

    private Addresses() {
    }

    /** True for {@code 0.0.0.0} and {@code ::}: the socket accepts traffic on every interface. */
    public static boolean isWildcard(String address) {
        return ANY_V4.equals(address) || ANY_V6.equals(address);
    }

    /** True for the loopback range {@code 127.0.0.0/8}, {@code ::1} and IPv4-mapped loopback. */
    public static boolean isLoopback(String address) {
        return parse(address).map(InetAddress::isLoopbackAddress).orElse(false)
                || address.startsWith("::ffff:127.");
    }

    /**
     * True when a client connecting to {@code localhost} can reach a socket bound to this address: a loopback
     * address or a wildcard.
     */
    public static boolean isLocalhostReachable(String address) {
        return isWildcard(address) || isLoopback(address);
    }

    /** True when the address is reachable from other machines: a wildcard or any non-loopback address. */
    public static boolean isNetworkExposed(String address) {
        return !isLoopback(address);
    }

    /**
     * Canonical text form of raw address bytes (4 or 16 bytes); IPv6 is compressed ({@code ::1}, {@code ::}).
     *
     * @throws IllegalArgumentException if the array is neither 4 nor 16 bytes long
     */
    public static String format(byte[] raw) {
        try {
            var address = InetAddress.getByAddress(raw);
            return address instanceof Inet6Address ? compress(address.getHostAddress()) : address.getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + raw.length + " bytes", e);
        }
    }

    /** {@code host:port}, with IPv6 addresses in brackets as URLs and most tools expect. */
    public static String hostPort(String address, int port) {
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
    }

    /**
     * Parses {@code ADDR:PORT} as users type it ({@code 127.0.0.1:5005}, {@code [::1]:5005}) into an endpoint with
     * the address in canonical form; literal addresses only, so nothing is ever looked up in DNS.
     *
     * @return the endpoint, or empty when the text is not a literal address and a port from 1 to 65535
     */
    public static Optional<Endpoint> parseEndpoint(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return Optional.empty();
        }
        String host = text.substring(0, colon);
        String portText = text.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            return Optional.empty();
        }
        if (!portText.matches("[0-9]{1,5}") || host.isEmpty() || host.indexOf('%') >= 0) {
            return Optional.empty();
        }
        int port = Integer.parseInt(portText);
        if (port < 1 || port > PortRange.MAX_PORT) {
            return Optional.empty();
        }
        return parse(host).map(a -> new Endpoint(format(a.getAddress()), port));
    }

    /** Compresses the JDK's full IPv6 text ({@code 0:0:0:0:0:0:0:1}) into RFC 5952 form ({@code ::1}). */
    static String compress(String full) {
        String zone = "";
        int percent = full.indexOf('%');
        if (percent >= 0) {
            zone = full.substring(percent);
            full = full.substring(0, percent);
        }
        String[] groups = full.split(":");
        if (groups.length != 8) {
            return full + zone;
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (Integer.parseInt(groups[i], 16) != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && Integer.parseInt(groups[j], 16) == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        var text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestLength > 1 && i == bestStart) {
                text.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            text.append(Integer.toHexString(Integer.parseInt(groups[i], 16)));
            if (i < 7) {
                text.append(':');
            }
        }
        return text + zone;
    }

    private static Optional<InetAddress> parse(String address) {
        // Only literal addresses reach here, so getByName never does a DNS lookup.
        if (address.indexOf(':') < 0 && !address.matches("[0-9.]+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
