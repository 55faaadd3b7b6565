package dev.portwatch.core.actions;

import dev.portwatch.model.ByteString;
import dev.portwatch.model.ProcessOwner;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 9, finding 1: who may start a command as whom. Never as a user other than the process's owner. */
class ExactLauncherTest {

    private static final ProcessOwner ROOT = new ProcessOwner(0, 0, List.of(0));
    private static final ProcessOwner DEV = new ProcessOwner(1000, 1000, List.of(1000, 27));
    private static final ProcessOwner ALICE = new ProcessOwner(1001, 1001, List.of(1001));
    private static final List<ByteString> ARGV = List.of(ByteString.utf8("node"), ByteString.utf8("--port=3000"));
    private static final List<ByteString> ENV = List.of(ByteString.utf8("PATH=/usr/bin"));

    @Test
    void rootMayStartAnyUsersCommandAsThatUser() {
        assertThat(ExactLauncher.refusal(DEV, ROOT, "dev", "node (pid 12)", ARGV, ENV)).isEmpty();
        assertThat(ExactLauncher.user(DEV, "dev")).isEqualTo("dev (uid 1000, gid 1000, groups 1000, 27)");
    }

    @Test
    void aNormalUserMayStartOnlyItsOwnCommands() {
        assertThat(ExactLauncher.refusal(DEV, DEV, "dev", "node (pid 12)", ARGV, ENV)).isEmpty();
        assertThat(ExactLauncher.refusal(DEV, ALICE, "dev", "node (pid 12)", ARGV, ENV))
                .hasValueSatisfying(s -> assertThat(s).contains("node (pid 12) runs as dev (uid 1000")
                        .contains("can't start a command as another user").contains("sudo"));
        assertThat(ExactLauncher.refusal(ROOT, DEV, "root", "nginx (pid 7)", ARGV, ENV))
                .hasValueSatisfying(s -> assertThat(s).contains("runs as root (uid 0"));
        ProcessOwner devInDocker = new ProcessOwner(1000, 1000, List.of(1000, 27, 999));
        assertThat(ExactLauncher.refusal(devInDocker, DEV, "dev", "node (pid 12)", ARGV, ENV))
                .hasValueSatisfying(s -> assertThat(s).contains("groups").contains("can't give a new process"));
    }

    @Test
    void refusesWhatEnvWouldMisread() {
        assertThat(ExactLauncher.refusal(ROOT, ROOT, "root", "x (pid 3)", List.of(ByteString.utf8("A=b")), ENV))
                .hasValueSatisfying(s -> assertThat(s).contains("program name"));
        assertThat(ExactLauncher.refusal(ROOT, ROOT, "root", "x (pid 3)", ARGV, List.of(ByteString.utf8("noequals"))))
                .hasValueSatisfying(s -> assertThat(s).contains("not NAME=VALUE"));
    }
}
