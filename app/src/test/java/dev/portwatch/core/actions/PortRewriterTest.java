package dev.portwatch.core.actions;

import dev.portwatch.model.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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
        "--http-port|62893; 62893; --http-port|4100",
        "--http-port=62893; 62893; --http-port=4100",
        "serve|localhost:62893; 62893; serve|localhost:4100",
        "--url|http://127.0.0.1:62893/api; 62893; --url|http://127.0.0.1:4100/api",
        "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:18093|-jar|app.jar; 18093; "
                + "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:4100|-jar|app.jar",
        "-agentlib:jdwp=transport=dt_socket,address=*:5005,server=y; 5005; "
                + "-agentlib:jdwp=transport=dt_socket,address=*:4100,server=y",
        "-Xrunjdwp:transport=dt_socket,address=5005; 5005; -Xrunjdwp:transport=dt_socket,address=4100",
        "--inspect=127.0.0.1:19229|-e|setInterval(()=>{},1000); 19229; "
                + "--inspect=127.0.0.1:4100|-e|setInterval(()=>{},1000)",
        "--inspect=9229; 9229; --inspect=4100",
        "-Dserver.port=62893|-jar|app.jar; 62893; -Dserver.port=4100|-jar|app.jar",
        "-m|http.server|18080|--bind|127.0.0.1; 18080; -m|http.server|4100|--bind|127.0.0.1",
        "[::1]:62893; 62893; [::1]:4100",
        "--listen=0.0.0.0:62893; 62893; --listen=0.0.0.0:4100",
        "--port|3000|--public-url|http://localhost:3000; 3000; --port|4100|--public-url|http://localhost:4100",
    })
    void findsEveryForm(String args, int port, String expected) {
        PortRewrite rewrite = rewrite(argv(args), Map.of(), port, Set.of());

        assertThat(rewrite.found()).isTrue();
        assertThat(rewrite.newArgumentTexts()).isEqualTo(argv(expected));
        assertThat(rewrite.changedVariables()).isEmpty();
        assertThat(rewrite.leftUnchanged()).isEmpty();
    }

    /**
     * Issue 9, finding 3, both ways: each row is one place mentioning 21048, the rewrite expected with the server
     * on 21048 (and bound to 192.168.1.5 besides loopback), and whether that place changes. '-' is "no
     * arguments"; variables are NAME=VALUE. Every row but the changed ones also holds '--port 21048', so the port
     * is found and only the row's place is in question.
     */
    @ParameterizedTest(name = "{0} changes: {3}")
    @CsvSource(delimiter = ';', value = {
        // port options, and look-alike options
        "--http-port=21048;            -;                                   --http-port=4100;                   true",
        "--log=21048.log;              -;                                   --log=21048.log;                    false",
        "--retries|21048;              -;                                   --retries|21048;                    false",
        "-p|21048;                     -;                                   -p|4100;                            true",
        // addresses and URLs: this machine or another
        "--upstream=http://127.0.0.1:21048/;  -;                            --upstream=http://127.0.0.1:4100/;  true",
        "--upstream=http://10.0.0.5:21048/;   -;                            --upstream=http://10.0.0.5:21048/;  false",
        "--listen=192.168.1.5:21048;   -;                                   --listen=192.168.1.5:4100;          true",
        "--listen=192.168.1.9:21048;   -;                                   --listen=192.168.1.9:21048;         false",
        ":21048;                       -;                                   :4100;                              true",
        "see :21048 docs;              -;                                   see :21048 docs;                    false",
        // a bare argument: only as the sole mention
        "21048|--port|21048;           -;                                   21048|--port|4100;                  false",
        // variables
        "-;                            PORT=21048;                          PORT=4100;                          true",
        "-;                            HTTP_PORT=21048;                     HTTP_PORT=4100;                     true",
        "-;                            SUPPORT_URL=http://localhost:21048/; SUPPORT_URL=http://localhost:21048/; false",
        "-;                            JAVA_OPTS=-Dserver.port=21048 -Xmx1g; JAVA_OPTS=-Dserver.port=4100 -Xmx1g; true",
        "-; JAVA_OPTS=-Dcache.entries=21048 -Xmx1g; JAVA_OPTS=-Dcache.entries=21048 -Xmx1g; false",
        "-;                            NODE_OPTIONS=--inspect=:21048;       NODE_OPTIONS=--inspect=:4100;       true",
    })
    void changesOnlyThePlacesThatNameTheListeningPort(String args, String variable, String expected,
                                                      boolean changes) {
        List<String> arguments = new ArrayList<>(argv(args.equals("-") ? "" : args));
        Map<String, String> environment = new TreeMap<>();
        if (!variable.equals("-")) {
            environment.put(variable.substring(0, variable.indexOf('=')),
                    variable.substring(variable.indexOf('=') + 1));
        }
        if (!changes) {
            arguments.addAll(List.of("--port", "21048"));
        }
        if (arguments.size() == 1) {
            arguments.add("--verbose");
        }

        PortRewrite rewrite = rewrite(arguments, environment, 21048, Set.of("192.168.1.5"));

        String place = args.equals("-") ? variable : args;
        String after = String.join("|", rewrite.newArgumentTexts().subList(1, rewrite.newArguments().size()));
        if (!variable.equals("-")) {
            String name = variable.substring(0, variable.indexOf('='));
            after = name + "=" + rewrite.newValue(name).orElseThrow();
        }
        assertThat(after).as(place).startsWith(expected);
        assertThat(rewrite.found()).isTrue();
        if (changes) {
            assertThat(rewrite.leftUnchanged()).as(place).isEmpty();
        } else {
            // Shown in the plan as "also mentions 21048 in ..., left unchanged".
            assertThat(rewrite.leftUnchanged()).as(place).hasSize(1);
            assertThat(rewrite.unchangedSentence()).hasValueSatisfying(s -> assertThat(s)
                    .startsWith("also mentions 21048 in ").endsWith(", left unchanged"));
        }
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
        PortRewrite rewrite = rewrite(argv(args), Map.of("PORT", "30001"), port, Set.of());

        assertThat(rewrite.found()).isFalse();
        assertThat(rewrite.newArguments()).isEqualTo(rewrite.oldArguments());
        assertThat(rewrite.newEnvironment()).isEqualTo(rewrite.oldEnvironment());
    }

    @Test
    void neverRewritesTheProgram() {
        PortRewrite rewrite = rewrite(List.of("3000", "--port", "3000"), Map.of(), 3000, Set.of());

        assertThat(rewrite.newArgumentTexts()).containsExactly("3000", "--port", "4100");
        assertThat(rewrite.changedArguments()).containsExactly(2);
    }

    @Test
    void keepsBytesThatAreNotUtf8AndEmptyArgumentsAsTheyWere() {
        ByteString latin = ByteString.of(new byte[] {'c', 'a', 'f', (byte) 0xE9});
        List<ByteString> arguments = List.of(ByteString.utf8("srv"), ByteString.utf8("--port=3000"), latin,
                ByteString.utf8(""), ByteString.utf8("multi\nline"));

        PortRewrite rewrite = PortRewriter.rewrite(arguments, List.of(ByteString.of(new byte[] {'X', '=',
                (byte) 0xFF})), 3000, 4100);

        assertThat(rewrite.newArguments()).containsExactly(ByteString.utf8("srv"), ByteString.utf8("--port=4100"),
                latin, ByteString.utf8(""), ByteString.utf8("multi\nline"));
        assertThat(rewrite.newEnvironment()).isEqualTo(rewrite.oldEnvironment());
        assertThat(ShellQuoting.joinExact(rewrite.newArguments()))
                .isEqualTo("srv --port=4100 $'caf\\xe9' '' $'multi\\nline'");
    }

    @Test
    void rewritesPortVariablesAndOptionVariables() {
        Map<String, String> environment = Map.of("PORT", "62893", "SERVER_PORT", "0.0.0.0:62893",
                "NODE_OPTIONS", "--inspect=127.0.0.1:62893", "SHLVL", "62893", "HOME", "/home/dev");

        PortRewrite rewrite = rewrite(List.of("server"), environment, 62893, Set.of());

        assertThat(rewrite.found()).isTrue();
        assertThat(rewrite.changedVariables()).containsExactly("NODE_OPTIONS", "PORT", "SERVER_PORT");
        assertThat(rewrite.newValue("PORT")).contains("4100");
        assertThat(rewrite.newValue("SERVER_PORT")).contains("0.0.0.0:4100");
        assertThat(rewrite.newValue("NODE_OPTIONS")).contains("--inspect=127.0.0.1:4100");
        assertThat(rewrite.newValue("SHLVL")).contains("62893");
        assertThat(rewrite.newValue("HOME")).contains("/home/dev");
        assertThat(rewrite.whereFound()).isEqualTo("$NODE_OPTIONS, $PORT, $SERVER_PORT");
        assertThat(rewrite.leftUnchanged()).containsExactly("$SHLVL");
    }

    @Test
    void aPortVariableThatOnlyContainsThePortIsLeftAlone() {
        PortRewrite rewrite = rewrite(List.of("server"), Map.of("PORT", "30001"), 3000, Set.of());

        assertThat(rewrite.found()).isFalse();
    }

    @Test
    void rejectsPortsOutOfRange() {
        assertThatThrownBy(() -> rewrite(List.of("x"), Map.of(), 3000, 70000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rewrite(List.of("x"), Map.of(), 0, 3000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quotesForAShellOnlyWhenNeeded() {
        assertThat(ShellQuoting.join(List.of("node", "-e", "setInterval(()=>{},1000)", "--port=3000", "it's")))
                .isEqualTo("node -e 'setInterval(()=>{},1000)' --port=3000 'it'\\''s'");
    }

    private static PortRewrite rewrite(List<String> arguments, Map<String, String> environment, int from,
                                       Set<String> bindAddresses) {
        return rewrite(arguments, environment, from, 4100, bindAddresses);
    }

    private static PortRewrite rewrite(List<String> arguments, Map<String, String> environment, int from, int to) {
        return rewrite(arguments, environment, from, to, Set.of());
    }

    private static PortRewrite rewrite(List<String> arguments, Map<String, String> environment, int from, int to,
                                       Set<String> bindAddresses) {
        List<ByteString> env = new TreeMap<>(environment).entrySet().stream()
                .map(e -> ByteString.utf8(e.getKey() + "=" + e.getValue())).toList();
        return PortRewriter.rewrite(arguments.stream().map(ByteString::utf8).toList(), env, from, to, bindAddresses);
    }

    private static List<String> argv(String args) {
        List<String> argv = new ArrayList<>();
        argv.add("/usr/bin/server");
        if (!args.isBlank()) {
            argv.addAll(Arrays.asList(args.strip().split("\\|")));
        }
        return argv;
    }
}
