package dev.portwatch.core.helper;

import dev.portwatch.model.Endpoint;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.SocketKey;
import dev.portwatch.model.UnknownOwner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Merges owners the helper revealed into a scan's sockets whose owner was hidden; known owners stay as scanned. */
public final class RevealedOwners {

    private RevealedOwners() {
    }

    /**
     * The snapshot with every hidden owner the helper knows filled in and marked as coming from the helper. A socket
     * the caller's scan put down to another user that the helper, as root, could not name either is a process the OS
     * protects even from root (this machine's pid 1, a sandbox): saying "another user's process, Show all owners
     * reveals it" there would send the user in a circle.
     *
     * @param snapshot the caller's own scan
     * @param owners   the helper's answer to {@code resolve-owners}
     */
    public static Snapshot merge(Snapshot snapshot, List<HelperReply.Owner> owners) {
        Map<String, HelperReply.Owner> byKey = new HashMap<>();
        for (HelperReply.Owner owner : owners) {
            byKey.put(key(owner.protocol(), owner.address(), owner.port(), owner.remote()), owner);
        }
        List<Listener> merged = new ArrayList<>(snapshot.listeners().size());
        Map<SocketKey, UnknownOwner> reasons = new HashMap<>(snapshot.unknownReasons());
        for (Listener listener : snapshot.listeners()) {
            HelperReply.Owner owner = listener.owner().isPresent() ? null
                    : byKey.get(key(listener.protocol().label(), listener.address(), listener.port(),
                            listener.remote().map(Endpoint::toString).orElse(null)));
            merged.add(owner == null ? listener : listener.withRevealedOwner(info(owner)));
            if (owner == null && snapshot.whyUnknown(listener).filter(UnknownOwner.OTHER_USER::equals).isPresent()) {
                reasons.put(listener.key(), UnknownOwner.PROTECTED);
            }
        }
        return new Snapshot(snapshot.takenAt(), merged, snapshot.scanDuration(), snapshot.privileged(), reasons);
    }

    private static ProcessInfo info(HelperReply.Owner owner) {
        return new ProcessInfo(owner.pid(), nonNull(owner.name()), nonNull(owner.user()), nonNull(owner.command()),
                owner.arguments() == null ? List.of() : owner.arguments(),
                Optional.ofNullable(owner.started()).map(Instant::ofEpochMilli), owner.parentPid());
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }

    private static String key(String protocol, String address, int port, String remote) {
        return protocol + " " + address + " " + port + " " + remote;
    }
}
