package dev.portwatch.os.linux;

import dev.portwatch.model.UnknownOwner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, finding 9: the reason a socket has no owner is the true one. A proc tree in a temporary directory stages
 * what a real one does only by chance: a process listed that is gone before its descriptors are read.
 */
class SocketOwnersTest {

    @TempDir
    Path proc;

    @Test
    void anOwnerThatExitsWhileTheScanLooksIsTheReason() throws Exception {
        // Listed in /proc, but its descriptor table is gone: it exited between the listing and the walk.
        Files.createDirectories(proc.resolve("500"));
        var owners = new SocketOwners(proc);

        owners.resolve(Optional.of(Set.of(123L)), new HashMap<>());

        assertThat(owners.whyUnresolved(123)).contains(UnknownOwner.EXITED);

        // Still there a scan later: it was not the exited process's socket (those close with it); nobody holds it.
        owners.resolve(Optional.of(Set.of(123L)), new HashMap<>());
        assertThat(owners.whyUnresolved(123)).contains(UnknownOwner.NO_PROCESS);
    }

    @Test
    void aSocketNoDescriptorTableHoldsHasNoProcess() throws Exception {
        process(500, 999);
        var owners = new SocketOwners(proc);

        var byInode = owners.resolve(Optional.of(Set.of(123L, 999L)), new HashMap<>());

        assertThat(byInode).containsEntry(999L, 500).doesNotContainKey(123L);
        assertThat(owners.whyUnresolved(123)).contains(UnknownOwner.NO_PROCESS);
        assertThat(owners.whyUnresolved(999)).isEmpty();
    }

    private void process(int pid, long socketInode) throws Exception {
        Path dir = proc.resolve(Integer.toString(pid));
        Files.createDirectories(dir.resolve("fd"));
        Files.createSymbolicLink(dir.resolve("fd").resolve("3"), Path.of("socket:[" + socketInode + "]"));
        Files.writeString(dir.resolve("stat"), pid + " (srv) S 1 " + pid + " " + pid
                + " 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 987654 1000 100");
    }
}
