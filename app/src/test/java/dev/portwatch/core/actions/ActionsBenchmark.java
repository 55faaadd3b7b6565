package dev.portwatch.core.actions;

import dev.portwatch.model.ProcessInfo;
import dev.portwatch.os.Scanners;
import dev.portwatch.os.SocketScanner;
import dev.portwatch.testing.Children;
import dev.portwatch.testing.Children.Child;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints how long the actions take on this machine, with real child servers: a graceful kill (signal to exit, and
 * the whole call with guards and rescans), a forced kill after a TERM-ignoring timeout, a rebind, and a free-port
 * search. Not a test: run it by hand (see the README's benchmark note); it asserts nothing about time.
 */
public final class ActionsBenchmark {

    private ActionsBenchmark() {
    }

    /** Runs each measurement {@code args[0]} times (default 5) and prints one line per run and the medians. */
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        SocketScanner scanner = Scanners.create();
        var killer = new KillService(scanner, Scanners.processes());
        Path logs = Files.createTempDirectory("portwatch-bench-logs");
        var rebinder = new RebindService(killer, logs);
        List<Long> waits = new ArrayList<>();
        List<Long> kills = new ArrayList<>();
        List<Long> rebinds = new ArrayList<>();
        List<Long> searches = new ArrayList<>();
        try (var children = new Children()) {
            for (int i = 0; i < runs; i++) {
                Child child = children.startServer();
                ProcessInfo holder = KillService.holders(scanner.scan(), child.port()).get(0);
                long start = System.nanoTime();
                KillOutcome outcome = killer.kill(holder, KillOptions.GRACEFUL, KillService.Progress.NONE);
                long total = millisSince(start);
                waits.add(outcome.waited().toMillis());
                kills.add(total);
                System.out.printf("kill    run %d: signal->exit %4d ms, kill() total %4d ms: %s%n", i,
                        outcome.waited().toMillis(), total, outcome.sentence());

                var finder = new FreePortFinder(p -> false, scanner.scan());
                start = System.nanoTime();
                int p = finder.near(21_000 + i * 10, 1).get(0);
                int q = finder.nearestAbove(p).orElseThrow();
                searches.add(millisSince(start));
                Child server = children.startServer(Map.of("PORT", String.valueOf(p)), null);
                RebindPlan plan = rebinder.plan(KillService.holders(scanner.scan(), p).get(0), p, q);
                start = System.nanoTime();
                RebindOutcome moved = rebinder.execute(plan, finder, Duration.ofSeconds(20), step -> { });
                long rebind = millisSince(start);
                rebinds.add(rebind);
                System.out.printf("rebind  run %d: %d -> %d in %4d ms: %s%n", i, p, q, rebind, moved.sentence());
                moved.newPid().ifPresent(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
                server.process().destroyForcibly();
            }
            Child stubborn = children.startServer("--ignore-term");
            ProcessInfo holder = KillService.holders(scanner.scan(), stubborn.port()).get(0);
            long start = System.nanoTime();
            KillOutcome forced = killer.kill(holder, new KillOptions(false, false, Duration.ofSeconds(1), true),
                    KillService.Progress.NONE);
            System.out.printf("forced  after a 1 s timeout: %d ms total: %s%n", millisSince(start), forced.sentence());
        }
        System.out.printf("median: signal->exit %d ms, kill() %d ms, rebind %d ms, free-port search %d ms (%d runs)%n",
                median(waits), median(kills), median(rebinds), median(searches), runs);
    }

    private static long millisSince(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
