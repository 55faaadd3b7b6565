package dev.portwatch.cli;

import dev.portwatch.core.actions.KillService;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.os.Scanners;
import dev.portwatch.os.SocketScanner;
import dev.portwatch.testing.Children;
import dev.portwatch.testing.Children.Child;
import dev.portwatch.testing.OtherUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line run as a real normal user ({@code nobody}) against root's server: refused, nothing harmed. */
class OtherUserCommandsTest {

    private static final SocketScanner SCANNER = Scanners.create();

    private final Children children = new Children();

    @AfterEach
    void cleanUp() {
        children.close();
    }

    /** Issue 9, finding 6: by port, exit 3 with the command to run, and the server lives. */
    @Test
    void killOfRootsServerByPortExitsThreeWithTheSudoCommand() throws Exception {
        OtherUser.assumeAvailable();
        Child server = children.startServer();

        OtherUser.Result result = OtherUser.portwatch("kill", String.valueOf(server.port()), "--yes");

        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(3);
        assertThat(result.err()).contains("portwatch kill " + server.port() + " --elevate").doesNotContain("Exception");
        assertThat(server.process().isAlive()).isTrue();
        assertThat(KillService.holders(SCANNER.scan(), server.port())).extracting(ProcessInfo::pid)
                .contains((int) server.pid());
    }

    /** Issue 9, finding 6: by pid (known), exit 3 with {@code sudo kill -TERM PID}, and the server lives. */
    @Test
    void killOfRootsServerByPidExitsThreeWithTheSudoKill() throws Exception {
        OtherUser.assumeAvailable();
        Child server = children.startServer();

        OtherUser.Result result = OtherUser.portwatch("kill", "--pid", String.valueOf(server.pid()), "--yes");

        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(3);
        assertThat(result.err()).contains("sudo kill -TERM " + server.pid()).doesNotContain("Exception");
        assertThat(server.process().isAlive()).isTrue();
    }

    /** Issue 9, finding 9: a normal user is told the true reason an owner is hidden: another user's process. */
    @Test
    void listAsANormalUserSaysRootsSocketsAreAnotherUsers() throws Exception {
        OtherUser.assumeAvailable();
        Child server = children.startServer();

        OtherUser.Result result = OtherUser.portwatch("list");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains(String.valueOf(server.port()));
        assertThat(result.err()).contains("another user's process (add --elevate to see it)")
                .doesNotContain("network namespace");
    }

    /** A normal user's rebind of root's server stops nothing. */
    @Test
    void rebindOfRootsServerStopsNothing() throws Exception {
        OtherUser.assumeAvailable();
        int port = Children.freeLoopbackPort();
        Child server = children.startServer("--port", String.valueOf(port));

        OtherUser.Result result = OtherUser.portwatch("rebind", String.valueOf(port), "--yes");

        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(1);
        assertThat(result.err()).contains("portwatch rebind " + port + " --elevate").doesNotContain("Exception");
        assertThat(server.process().isAlive()).isTrue();
    }
}
