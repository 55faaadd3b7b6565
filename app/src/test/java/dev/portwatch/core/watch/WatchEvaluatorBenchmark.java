package dev.portwatch.core.watch;

import dev.portwatch.model.Listener;
import dev.portwatch.model.PortRange;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.WatchRule;
import dev.portwatch.testing.Sockets;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Prints how long one evaluation takes on a large synthetic snapshot, to back the choice of evaluating on the FX
 * thread. Not a test: run it by hand (see the README's "Watching ports" section for the command).
 */
public final class WatchEvaluatorBenchmark {

    private WatchEvaluatorBenchmark() {
    }

    /** Arguments: sockets (default 5000), rules (default 50), rounds (default 2000). */
    public static void main(String[] args) {
        int sockets = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int ruleCount = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        List<Listener> listeners = new ArrayList<>();
        for (int i = 0; i < sockets; i++) {
            String address = i % 3 == 0 ? "0.0.0.0" : i % 3 == 1 ? "127.0.0.1" : "::1";
            listeners.add(Sockets.tcp(address, 1024 + i % 20_000, 1000 + i % 400, "proc" + i % 400,
                    "proc --serve " + i));
        }
        var snapshot = new Snapshot(Instant.now(), listeners, Duration.ZERO, true);
        List<WatchRule> rules = new ArrayList<>();
        for (int i = 0; i < ruleCount; i++) {
            rules.add(new WatchRule(i % 5 == 0 ? new PortRange(1024 + i * 300, 1024 + i * 300 + 50)
                    : PortRange.of(1024 + i * 300), "", i % 2 == 0 ? "proc" : "", Set.of(
                    Protocol.TCP)));
        }
        long sink = 0;
        for (int i = 0; i < rounds / 4; i++) {
            sink += WatchEvaluator.evaluate(snapshot, rules).size();
        }
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            sink += WatchEvaluator.evaluate(snapshot, rules).size();
        }
        double micros = (System.nanoTime() - start) / 1_000.0 / rounds;
        System.out.printf("evaluate: %d sockets, %d rules: %.1f µs per evaluation (mean of %d, after %d warm-up)%n",
                sockets, ruleCount, micros, rounds, rounds / 4);
        System.out.println("(checksum " + sink + ")");
    }
}
