package dev.portwatch.core;

import dev.portwatch.model.Snapshot;
import dev.portwatch.os.ScanException;
import dev.portwatch.os.SocketScanner;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfinedScannerTest {

    @Test
    void scansRunOnTheOwningThreadAndFailuresKeepTheirMessage() throws Exception {
        ExecutorService owner = Executors.newSingleThreadExecutor(r -> new Thread(r, "scan-owner"));
        try {
            var threads = new CopyOnWriteArrayList<String>();
            SocketScanner real = () -> {
                threads.add(Thread.currentThread().getName());
                if (threads.size() == 2) {
                    throw new ScanException("netlink gone", new IOException("netlink gone"));
                }
                return Snapshot.empty();
            };
            var confined = new ConfinedScanner(real, owner);

            assertThat(confined.scan().listeners()).isEmpty();
            assertThatThrownBy(confined::scan).isInstanceOf(ScanException.class).hasMessage("netlink gone");
            assertThat(threads).containsExactly("scan-owner", "scan-owner");

            owner.shutdownNow();
            assertThatThrownBy(confined::scan).isInstanceOf(ScanException.class).hasMessageContaining("closing");
        } finally {
            owner.shutdownNow();
        }
    }
}
