package dev.portwatch.core.watch;

import dev.portwatch.model.Addresses;
import dev.portwatch.model.Listener;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The addresses {@code localhost} resolves to on this machine, in the order a client gets them
 * ({@code InetAddress.getAllByName}; the first is the one a client that tries them in turn reaches first). Empty
 * when not resolved (yet): then a split-localhost conflict only says that localhost may reach either holder.
 *
 * @param addresses the addresses as text ({@code 127.0.0.1}, {@code ::1}), first first
 */
public record LocalhostNames(List<String> addresses) {

    /** Not resolved. */
    public static final LocalhostNames UNKNOWN = new LocalhostNames(List.of());

    /** Copies the list, with IPv6 loopback written as {@code ::1}. */
    public LocalhostNames {
        addresses = addresses.stream().map(LocalhostNames::plain).distinct().toList();
    }

    /**
     * Resolves {@code localhost} on this machine ({@code /etc/hosts}, the name service). Blocking: call it off the
     * JavaFX thread.
     *
     * @return the addresses, or {@link #UNKNOWN} when the name does not resolve
     */
    public static LocalhostNames resolve() {
        try {
            return new LocalhostNames(Arrays.stream(InetAddress.getAllByName("localhost"))
                    .map(InetAddress::getHostAddress).toList());
        } catch (UnknownHostException e) {
            return UNKNOWN;
        }
    }

    /**
     * The holder {@code localhost} reaches first: the one bound to the first resolved address that any holder
     * answers on, exactly or through a wildcard bind of that address's family.
     */
    Optional<Listener> reachedFirst(List<Listener> holders) {
        for (String address : addresses) {
            Optional<Listener> exact = holders.stream().filter(l -> plain(l.address()).equals(address)).findFirst();
            if (exact.isPresent()) {
                return exact;
            }
            boolean v6 = address.contains(":");
            Optional<Listener> wildcard = holders.stream().filter(l -> Addresses.isWildcard(l.address())
                    && (l.address().contains(":") || !v6)).findFirst();
            if (wildcard.isPresent()) {
                return wildcard;
            }
        }
        return Optional.empty();
    }

    /** {@code 0:0:0:0:0:0:0:1} as {@code ::1}, so the resolver's text compares with the scanner's. */
    private static String plain(String address) {
        return address.equals("0:0:0:0:0:0:0:1") ? "::1" : address;
    }

    /** {@code "127.0.0.1 and ::1"}, in order. */
    String describe() {
        return String.join(" and ", addresses);
    }
}
