package dev.portwatch.ui.vm;

import dev.portwatch.model.Endpoint;
import dev.portwatch.model.IpVersion;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.SocketState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Made-up sockets for view-model tests and the apply benchmark, where the OS is not the point. */
public final class SyntheticListeners {

    private SyntheticListeners() {
    }

    /** An owner with this pid, started at a fixed time. */
    public static ProcessInfo owner(int pid, String name) {
        return new ProcessInfo(pid, name, "dev", name + " --serve", List.of(name, "--serve"),
                Optional.of(Instant.parse("2026-01-01T00:00:00Z")), 1);
    }

    /** A TCP listener on 127.0.0.1. */
    public static Listener listener(int port, ProcessInfo owner) {
        return new Listener(Protocol.TCP, IpVersion.V4, new Endpoint("127.0.0.1", port), Optional.empty(),
                SocketState.LISTEN, Optional.of(owner));
    }

    /** {@code count} listeners on consecutive ports from {@code firstPort}, all owned by {@code owner}. */
    public static List<Listener> listeners(int firstPort, int count, ProcessInfo owner) {
        List<Listener> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            result.add(listener(firstPort + i, owner));
        }
        return result;
    }
}
