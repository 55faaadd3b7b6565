package dev.portwatch.cli;

import dev.portwatch.model.Listener;
import dev.portwatch.os.Scanners;
import dev.portwatch.testing.ServeChild;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code portwatch serve} as a user runs it: a child JVM through the real entry point, with no display, scraped over
 * real loopback HTTP while the test opens sockets.
 */
class ServeAgentTest {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Pattern SCANS = Pattern.compile("(?m)^portwatch_scan_duration_seconds_count (\\d+)");

    private static void await(Callable<Boolean> condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.call()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static long scans(int port) throws IOException {
        Matcher matcher = SCANS.matcher(ServeChild.scrape(port));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }


    @Test
    void servesOnLoopbackByDefaultFindsANewSocketLoadsNoJavaFxAndSurvivesAFlood() throws Exception {
        try (var serve = ServeChild.start(List.of("-verbose:class", "-XX:+UseSerialGC", "-Xmx64m"),
                "--interval", "0.5");
                var socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = serve.awaitPort(START);

            // The default address is loopback only, and the agent says nothing about exposure then.
            assertThat(port).isEqualTo(9863);
            List<Listener> bound = Scanners.create().scan().listeners().stream()
                    .filter(l -> l.port() == port && l.state().isListening()).toList();
            assertThat(bound).isNotEmpty().allSatisfy(l -> {
                assertThat(l.address()).isEqualTo("127.0.0.1");
                assertThat(l.pid().orElse(0)).isEqualTo((int) serve.pid());
            });
            assertThat(serve.err()).noneMatch(l -> l.contains("warning"));

            String wanted = "address=\"127.0.0.1\",exposure=\"loopback\",port=\"" + socket.getLocalPort()
                    + "\",process=\"java\",protocol=\"tcp\"";
            await(() -> ServeChild.scrape(port).contains(wanted), "the test's socket is served");

            // A bounded flood: 1,000 scrapes from 16 clients. Scanning goes on, threads and memory stay put.
            long threadsBefore = serve.status("Threads");
            long rssBefore = serve.status("VmRSS");
            long scansBefore = scans(port);
            ExecutorService clients = Executors.newFixedThreadPool(16);
            try {
                List<Future<String>> scrapes = new ArrayList<>();
                for (int i = 0; i < 1_000; i++) {
                    scrapes.add(clients.submit(() -> ServeChild.scrape(port)));
                }
                for (Future<String> scrape : scrapes) {
                    assertThat(scrape.get(60, TimeUnit.SECONDS)).startsWith("HTTP/1.1 200");
                }
            } finally {
                clients.shutdownNow();
            }
            assertThat(serve.status("Threads")).as("threads").isLessThanOrEqualTo(threadsBefore + 2);
            assertThat(serve.status("VmRSS") - rssBefore).as("RSS growth, kB").isLessThan(64 * 1024);
            await(() -> scans(port) > scansBefore + 1, "scans go on after the flood");
            assertThat(serve.out()).filteredOn(l -> l.startsWith("[") && l.contains("class,load"))
                    .isNotEmpty()
                    .noneMatch(l -> l.contains(" javafx.") || l.contains(" com.sun.javafx.")
                            || l.contains(" org.controlsfx."));
        }
    }

    @Test
    void bindingBeyondLoopbackWarns() throws Exception {
        try (var serve = ServeChild.start(List.of(), "--listen", "0.0.0.0:0")) {
            int port = serve.awaitPort(START);

            assertThat(ServeChild.scrape(port)).startsWith("HTTP/1.1 200");
            assertThat(String.join("\n", serve.err())).contains("warning: serving on 0.0.0.0, reachable from"
                    + " other machines");
        }
    }

    @Test
    void textfileWithAnIntervalKeepsRewriting() throws Exception {
        Path directory = Files.createTempDirectory("portwatch-textfile");
        Path target = directory.resolve("portwatch.prom");
        try (var serve = ServeChild.start(List.of(), "--textfile", target.toString(), "--interval", "0.5")) {
            await(() -> Files.exists(target), "the file is written");
            try (var socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                String wanted = "port=\"" + socket.getLocalPort() + "\",process=\"java\"";
                await(() -> Files.readString(target).contains(wanted), "a socket opened later is written");
            }
            assertThat(serve.out()).anyMatch(l -> l.startsWith("Writing metrics to " + target + " every 0.5 s"));
        } finally {
            try (var files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(directory);
        }
    }
}
