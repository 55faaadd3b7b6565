package dev.portwatch.core.remote;

import dev.portwatch.core.jsonlines.JsonLines;
import dev.portwatch.testing.FakeScanner;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The remote side's session in this JVM, over in-memory streams. */
class RemoteServerTest {

    @Test
    void aStreamSessionLeavesNoThreadBehindWhenTheCallerHangsUp() throws Exception {
        Set<Thread> before = controlReaders();
        var request = new ByteArrayOutputStream();
        new JsonLines.Writer(request).write(new RemoteMessage.Stream(1_000));
        var out = new ByteArrayOutputStream();
        var server = new RemoteServer(FakeScanner::new, (argv, o, e, ask) -> 0, "test");

        // Standard input ends right after the request: the caller hung up.
        int status = server.serve(RemoteMessage.PROTOCOL, new ByteArrayInputStream(request.toByteArray()), out);

        assertThat(status).isZero();
        assertThat(out.toString()).contains("\"scan\"");
        // The thread that read the caller's controls ends with the session (no idle executor left waiting).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!newThreads(before).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(newThreads(before)).isEmpty();
    }

    private static Set<Thread> newThreads(Set<Thread> before) {
        Set<Thread> now = controlReaders();
        now.removeAll(before);
        return now;
    }

    private static Set<Thread> controlReaders() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("portwatch-remote-in") && t.isAlive())
                .collect(Collectors.toSet());
    }
}
