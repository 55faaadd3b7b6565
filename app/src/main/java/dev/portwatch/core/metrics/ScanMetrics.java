package dev.portwatch.core.metrics;

import dev.portwatch.core.exposure.Exposure;
import dev.portwatch.core.service.ServiceIdentifier;
import dev.portwatch.core.service.ServiceMatch;
import dev.portwatch.model.ConflictKind;
import dev.portwatch.model.Listener;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.WatchState;
import dev.portwatch.model.WatchStatus;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one scan into the metric families of {@code portwatch serve}: a pure function of the snapshot and the watch
 * statuses, safe on any thread. Names and labels are documented in the README ("Metrics").
 *
 * <ul>
 *   <li>{@code portwatch_listener_info{protocol, address, port, process, user, service, exposure} 1} for every
 *       listening socket. No pid label: a pid changes at every restart and would make a new series each time.
 *       Unknown values are empty strings (Prometheus treats an empty label as absent). Sockets equal in every label
 *       (one process's {@code SO_REUSEPORT} sockets) are one series.</li>
 *   <li>{@code portwatch_listeners{protocol, exposure}}: listening sockets counted, every combination present (0
 *       when none), so a sum never loses a series.</li>
 *   <li>{@code portwatch_watch_state{watch, state}}: per watched entry, one series per state, 1 for the current
 *       state and 0 for the others (an enum as labels), so a change of state never leaves a stale series.</li>
 *   <li>{@code portwatch_watch_conflict{watch, kind}}: per watched entry, one series per {@link ConflictKind}, 1
 *       when that kind of conflict is present, else 0.</li>
 *   <li>{@code portwatch_owners_hidden}: listening sockets whose owner the OS did not name.</li>
 * </ul>
 */
public final class ScanMetrics {

    /** The name of the per-socket info metric as exposed (the client adds the {@code _info} suffix). */
    public static final String LISTENER_INFO = "portwatch_listener_info";
    /** Listening sockets by protocol and exposure. */
    public static final String LISTENERS = "portwatch_listeners";
    /** Watched entries' states. */
    public static final String WATCH_STATE = "portwatch_watch_state";
    /** Watched entries' conflicts by kind. */
    public static final String WATCH_CONFLICT = "portwatch_watch_conflict";
    /** Listening sockets with a hidden owner. */
    public static final String OWNERS_HIDDEN = "portwatch_owners_hidden";

    private ScanMetrics() {
    }

    /**
     * The metric families for one scan.
     *
     * @param snapshot the scan; only its listening sockets count
     * @param statuses the watched entries' statuses from the same snapshot
     * @param services recognises the service on each socket (for the {@code service} and {@code exposure} labels);
     *                 called on the caller's thread
     */
    public static MetricSnapshots of(Snapshot snapshot, List<WatchStatus> statuses, ServiceIdentifier services) {
        List<Listener> listening = snapshot.listeners().stream().filter(l -> l.state().isListening()).toList();
        Map<Labels, InfoDataPointSnapshot> info = new LinkedHashMap<>();
        Map<Protocol, Map<Exposure, Integer>> counts = new EnumMap<>(Protocol.class);
        long hidden = 0;
        for (Listener listener : listening) {
            Optional<ServiceMatch> service = services.identify(listener);
            Exposure exposure = Exposure.of(listener, service);
            Labels labels = Labels.of(
                    "protocol", listener.protocol().label(),
                    "address", listener.address(),
                    "port", Integer.toString(listener.port()),
                    "process", listener.owner().map(p -> p.name()).orElse(""),
                    "user", listener.owner().map(p -> p.user()).orElse(""),
                    "service", service.map(ServiceMatch::label).orElse(""),
                    "exposure", exposure.label());
            info.putIfAbsent(labels, new InfoDataPointSnapshot(labels));
            counts.computeIfAbsent(listener.protocol(), p -> new EnumMap<>(Exposure.class))
                    .merge(exposure, 1, Integer::sum);
            if (listener.owner().isEmpty()) {
                hidden++;
            }
        }
        return MetricSnapshots.of(
                new InfoSnapshot(new MetricMetadata("portwatch_listener",
                        "One series per listening socket; the value is always 1."), info.values()),
                listenerCounts(counts),
                watchStates(statuses),
                watchConflicts(statuses),
                GaugeSnapshot.builder().name(OWNERS_HIDDEN)
                        .help("Listening sockets whose owner the OS did not name (other users' processes without"
                                + " elevated rights, other network namespaces).")
                        .dataPoint(GaugeDataPointSnapshot.builder().value(hidden).build()).build());
    }

    private static GaugeSnapshot listenerCounts(Map<Protocol, Map<Exposure, Integer>> counts) {
        var builder = GaugeSnapshot.builder().name(LISTENERS).help("Listening sockets by protocol and exposure.");
        for (Protocol protocol : Protocol.values()) {
            for (Exposure exposure : Exposure.values()) {
                int count = counts.getOrDefault(protocol, Map.of()).getOrDefault(exposure, 0);
                builder.dataPoint(GaugeDataPointSnapshot.builder()
                        .labels(Labels.of("protocol", protocol.label(), "exposure", exposure.label()))
                        .value(count).build());
            }
        }
        return builder.build();
    }

    private static GaugeSnapshot watchStates(List<WatchStatus> statuses) {
        var builder = GaugeSnapshot.builder().name(WATCH_STATE)
                .help("1 for the current state of each watched entry (free, in_use, conflict), 0 for the others.");
        for (Map.Entry<String, WatchStatus> entry : byWatch(statuses).entrySet()) {
            for (WatchState state : WatchState.values()) {
                builder.dataPoint(GaugeDataPointSnapshot.builder()
                        .labels(Labels.of("watch", entry.getKey(), "state", state.name().toLowerCase(Locale.ROOT)))
                        .value(entry.getValue().state() == state ? 1 : 0).build());
            }
        }
        return builder.build();
    }

    private static GaugeSnapshot watchConflicts(List<WatchStatus> statuses) {
        var builder = GaugeSnapshot.builder().name(WATCH_CONFLICT)
                .help("1 when a watched entry has this kind of conflict (split_localhost, unexpected_owner,"
                        + " shared_port), else 0.");
        for (Map.Entry<String, WatchStatus> entry : byWatch(statuses).entrySet()) {
            for (ConflictKind kind : ConflictKind.values()) {
                builder.dataPoint(GaugeDataPointSnapshot.builder()
                        .labels(Labels.of("watch", entry.getKey(), "kind", kind.label()))
                        .value(entry.getValue().conflicts().contains(kind) ? 1 : 0).build());
            }
        }
        return builder.build();
    }

    /** Statuses keyed by the {@code watch} label ({@code 62893/tcp}, {@code 3000-3010/tcp+udp}); first one wins. */
    private static Map<String, WatchStatus> byWatch(List<WatchStatus> statuses) {
        Map<String, WatchStatus> byWatch = new LinkedHashMap<>();
        for (WatchStatus status : statuses) {
            byWatch.putIfAbsent(watchLabel(status), status);
        }
        return byWatch;
    }

    /** The {@code watch} label of an entry: its ports and protocols, {@code 62893/tcp}. */
    public static String watchLabel(WatchStatus status) {
        return status.rule().ports() + "/" + status.rule().protocolLabel();
    }
}
