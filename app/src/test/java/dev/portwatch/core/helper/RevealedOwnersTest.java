package dev.portwatch.core.helper;

import dev.portwatch.core.OwnerVisibility;
import dev.portwatch.model.Endpoint;
import dev.portwatch.model.IpVersion;
import dev.portwatch.model.Listener;
import dev.portwatch.model.OwnerSource;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.SocketState;
import dev.portwatch.model.SocketUser;
import dev.portwatch.model.UnknownOwner;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Merging the helper's owners into a normal user's scan, and what the status bar then says about the rest. */
class RevealedOwnersTest {

    private static final SocketUser ROOT = new SocketUser(0, "root");

    private static Listener hidden(int port, SocketState state, Optional<Endpoint> remote) {
        return new Listener(Protocol.TCP, IpVersion.V4, new Endpoint("127.0.0.1", port), remote, state,
                Optional.empty(), Optional.of(ROOT));
    }

    @Test
    void revealedOwnersAreMarkedAndWhatEvenRootCanNotSeeIsNoLongerSentToShowAllOwners() {
        Listener revealed = hidden(18095, SocketState.LISTEN, Optional.empty());
        Listener protectedOne = hidden(2024, SocketState.LISTEN, Optional.empty());
        Listener closing = hidden(18095, SocketState.TIME_WAIT, Optional.of(new Endpoint("127.0.0.1", 40000)));
        var scan = new Snapshot(Instant.EPOCH, List.of(revealed, protectedOne, closing), Duration.ZERO, false,
                Map.of(closing.key(), UnknownOwner.NO_PROCESS));
        var owner = new HelperReply.Owner("tcp", "127.0.0.1", 18095, null, 4242, "python3", "root",
                "python3 -m http.server 18095", List.of("python3", "-m", "http.server", "18095"), 1_000L, 1);

        Snapshot merged = RevealedOwners.merge(scan, List.of(owner));

        Listener first = merged.listeners().get(0);
        assertThat(first.pid()).hasValue(4242);
        assertThat(first.ownerSource()).isEqualTo(OwnerSource.HELPER);
        assertThat(first.owner().orElseThrow().startTime()).contains(Instant.ofEpochMilli(1_000));
        assertThat(merged.whyUnknown(merged.listeners().get(1))).contains(UnknownOwner.PROTECTED);
        assertThat(merged.whyUnknown(merged.listeners().get(2))).contains(UnknownOwner.NO_PROCESS);
        assertThat(OwnerVisibility.explain(merged.listeners(), merged, OwnerVisibility.WINDOW_REMEDY))
                .hasValueSatisfying(s -> assertThat(s).startsWith("2 owners hidden (root)")
                        .doesNotContain("Show all owners"));
        // Before the helper answered, the same socket was put down to another user.
        assertThat(OwnerVisibility.explain(List.of(protectedOne), scan, OwnerVisibility.WINDOW_REMEDY))
                .contains("1 owner hidden (root): another user's process (Show all owners reveals it)");
    }
}
