package dev.portwatch.core.actions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortRewriterTest {

    /** Each row: the arguments after argv[0] (separated by '|'), the port looked for, and the expected rewrite. */
    @ParameterizedTest(name = "{0} ({1} -> 4100)")
    @CsvSource(delimiter = ';', value = {
        "--port|62893; 62893; --port|4100",
        "--port=62893; 62893; --port=4100",
        "-p|62893; 62893; -p|4100",
        "-p62893; 62893; -p4100",
        "serve|localhost:62893; 62893; serve|localhost:4100",
        "--url|http://127.0.0.1:62893/api; 62893; --url|http://127.0.0.1:4100/api",
        "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:18093|-jar|app.jar; 18093; "
                + "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:4100|-jar|app.jar",
        "-agentlib:jdwp=transport=dt_socket,address=*:5005,server=y; 5005; "
                + "-agentlib:jdwp=transport=dt_socket,address=*:4100,server=y",
        "--inspect=127.0.0.1:19229|-e|setInterval(()=>{},1000); 19229; "
                + "--inspect=127.0.0.1:4100|-e|setInterval(()=>{},1000)",
        "--inspect=9229; 9229; --inspect=4100",
        "-Dserver.port=62893|-jar|app.jar; 62893; -Dserver.port=4100|-jar|app.jar",
        "-m|http.server|18080|--bind|127.0.0.1; 18080; -m|http.server|4100|--bind|127.0.0.1",
        "[::1]:62893; 62893; [::1]:4100",
        "--port|3000|--public-url|http://localhost:3000; 3000; --port|4100|--public-url|http://localhost:4100",
    })
    void findsEveryForm(String args, int port, String expected) {
        PortRewrite rewrite = PortRewriter.rewrite(argv(args), Map.of(), port, 4100);

        assertThat(rewrite.found()).isTrue();
        assertThat(rewrite.newArguments()).isEqualTo(argv(expected));
        assertThat(rewrite.changedVariables()).isEmpty();
    }

    /** Digits that merely contain the port, or the port with a suffix, are never touched. */
    @ParameterizedTest(name = "{0} is not {1}")
    @CsvSource(delimiter = ';', value = {
        "--port|30001; 3000",
        "--port=30001; 3000",
        "--port=13000; 3000",
        "-p30001; 3000",
        "localhost:30001; 3000",
        "localhost:13000; 3000",
        "-Xmx3000m; 3000",
        "--timeout=3000ms; 3000",
        "--ratio=3000.5; 3000",
        "/srv/3000/app; 3000",
        "--size|13000; 3000",
        "-n3000; 3000",
    })
    void ignoresLookAlikes(String args, int port) {
        PortRewrite rewrite = PortRewriter.rewrite(argv(args), Map.of("PORT", "30001"), port, 4100);

        assertThat(rewrite.found()).isFalse();
        assertThat(rewrite.newArguments()).isEqualTo(rewrite.oldArguments());
        assertThat(rewrite.newEnvironment()).isEqualTo(rewrite.oldEnvironment());
    }

    @Test
    void neverRewritesTheProgram() {
        PortRewrite rewrite = PortRewriter.rewrite(List.of("3000", "--port", "3000"), Map.of(), 3000, 4100);

        assertThat(rewrite.newArguments()).containsExactly("3000", "--port", "4100");
        assertThat(rewrite.changedArguments()).containsExactly(2);
    }

    @Test
    void rewritesPortVariablesAndOptionVariables() {
        Map<String, String> environment = Map.of("PORT", "62893", "SERVER_PORT", "0.0.0.0:62893",
                "NODE_OPTIONS", "--inspect=127.0.0.1:62893", "SHLVL", "62893", "HOME", "/home/dev");

        PortRewrite rewrite = PortRewriter.rewrite(List.of("server"), environment, 62893, 4100);

        assertThat(rewrite.found()).isTrue();
        assertThat(rewrite.changedVariables()).containsExactly("NODE_OPTIONS", "PORT", "SERVER_PORT");
        assertThat(rewrite.newEnvironment()).containsEntry("PORT", "4100")
                .containsEntry("SERVER_PORT", "0.0.0.0:4100")
                .containsEntry("NODE_OPTIONS", "--inspect=127.0.0.1:4100")
                .containsEntry("SHLVL", "62893")
                .containsEntry("HOME", "/home/dev");
        assertThat(rewrite.whereFound()).isEqualTo("$NODE_OPTIONS, $PORT, $SERVER_PORT");
    }

    @Test
    void aPortVariableThatOnlyContainsThePortIsLeftAlone() {
        PortRewrite rewrite = PortRewriter.rewrite(List.of("server"), Map.of("PORT", "30001"), 3000, 4100);

        assertThat(rewrite.found()).isFalse();
    }

    @Test
    void rejectsPortsOutOfRange() {
        assertThatThrownBy(() -> PortRewriter.rewrite(List.of("x"), Map.of(), 3000, 70000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PortRewriter.rewrite(List.of("x"), Map.of(), 0, 3000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quotesForAShellOnlyWhenNeeded() {
        assertThat(ShellQuoting.join(List.of("node", "-e", "setInterval(()=>{},1000)", "--port=3000", "it's")))
                .isEqualTo("node -e 'setInterval(()=>{},1000)' --port=3000 'it'\\''s'");
    }

    private static List<String> argv(String args) {
        List<String> argv = new ArrayList<>();
        argv.add("/usr/bin/server");
        argv.addAll(Arrays.asList(args.strip().split("\\|")));
        return argv;
    }
}
