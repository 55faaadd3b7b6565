package dev.portwatch.core.service;

import dev.portwatch.model.ContainerInfo;
import dev.portwatch.model.Endpoint;
import dev.portwatch.model.IpVersion;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.SocketState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ServiceIdentifierTest {

    private final ServiceIdentifier identifier = ServiceIdentifier.standard();

    /** Real-world command lines, the port the socket holds, and the label expected ("" for none). */
    static Stream<Arguments> commandLines() {
        return Stream.of(
                // JDWP: the address must be this socket's port; with and without host, *:, IPv6, -Xrunjdwp.
                arguments("java -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005 -jar shop.jar",
                        5005, "JDWP debugger"),
                arguments("java -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005 -jar shop.jar",
                        8080, "http-alt?"),
                arguments("java -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=5005 Main", 5005,
                        "JDWP debugger"),
                arguments("java -agentlib:jdwp=transport=dt_socket,address=127.0.0.1:8000,server=y,suspend=y Main",
                        8000, "JDWP debugger"),
                arguments("java -agentlib:jdwp=transport=dt_socket,server=y,address=localhost:5006 -cp x Main", 5006,
                        "JDWP debugger"),
                arguments("java -agentlib:jdwp=transport=dt_socket,server=y,address=[::1]:5007 -cp x Main", 5007,
                        "JDWP debugger"),
                arguments("java -Xdebug -Xrunjdwp:transport=dt_socket,server=y,suspend=n,address=8787 -jar app.jar",
                        8787, "JDWP debugger"),
                // A Spring Boot JVM under a debugger: the debug port is JDWP, the HTTP port is Spring Boot.
                arguments("java -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005 "
                        + "-cp app org.springframework.boot.loader.launch.JarLauncher", 8080, "Spring Boot app"),
                arguments("java -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005 "
                        + "-cp app org.springframework.boot.loader.launch.JarLauncher", 5005, "JDWP debugger"),
                // Node.js inspector: default 9229, =port, =host:port, -brk, -port, IPv6, host only.
                arguments("node --inspect server.js", 9229, "Node.js inspector"),
                arguments("node --inspect server.js", 3001, ""),
                arguments("node --inspect=9230 server.js", 9230, "Node.js inspector"),
                arguments("node --inspect=9230 server.js", 9229, ""),
                arguments("node --inspect=0.0.0.0:9231 app.js", 9231, "Node.js inspector"),
                arguments("node --inspect-brk=127.0.0.1:9333 app.js", 9333, "Node.js inspector"),
                arguments("node --inspect-brk app.js", 9229, "Node.js inspector"),
                arguments("node --inspect-port=9240 --inspect app.js", 9240, "Node.js inspector"),
                arguments("node --inspect=localhost app.js", 9229, "Node.js inspector"),
                arguments("node --inspect=[::1]:9444 app.js", 9444, "Node.js inspector"),
                arguments("node --inspect /home/dev/shop/node_modules/.bin/vite", 9229, "Node.js inspector"),
                // debugpy: the --listen port, with or without host; another port of the process is not it.
                arguments("python3 -m debugpy --listen 0.0.0.0:5678 --wait-for-client app.py", 5678, "debugpy"),
                arguments("python3 -m debugpy --listen 5679 app.py", 5679, "debugpy"),
                arguments("python3 -m debugpy --listen 5679 app.py", 5678, ""),
                arguments("node --inspect /home/dev/shop/node_modules/.bin/vite", 5173, "Vite dev server"),
                // JMX
                arguments("java -Dcom.sun.management.jmxremote.port=9010 -Dcom.sun.management.jmxremote.rmi.port=9011 "
                        + "-Dcom.sun.management.jmxremote.authenticate=false -jar app.jar", 9010, "JMX remote"),
                arguments("java -Dcom.sun.management.jmxremote.port=9010 -Dcom.sun.management.jmxremote.rmi.port=9011 "
                        + "-jar app.jar", 9011, "JMX RMI"),
                // docker-proxy, old and new flag sets
                arguments("/usr/bin/docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 8080 -container-ip 172.17.0.2 "
                        + "-container-port 80", 8080, "Docker → 172.17.0.2:80"),
                arguments("/usr/bin/docker-proxy -proto tcp -host-ip :: -host-port 5432 -container-ip 172.18.0.3 "
                        + "-container-port 5432 -use-listen-fd", 5432, "Docker → 172.18.0.3:5432"),
                arguments("/usr/bin/docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 8080 -container-ip 172.17.0.2 "
                        + "-container-port 80", 9999, ""),
                // Dev servers
                arguments("python3 -m http.server 8000", 8000, "Python http.server"),
                arguments("/usr/bin/python3 manage.py runserver 0.0.0.0:8000", 8000, "Django dev server"),
                arguments("/home/dev/.venv/bin/python /home/dev/.venv/bin/flask --app hello run --port 5001", 5001,
                        "Flask dev server"),
                arguments("python -m flask run", 5000, "Flask dev server"),
                arguments("/home/dev/.venv/bin/python /home/dev/.venv/bin/uvicorn main:app --reload", 8000,
                        "Uvicorn"),
                arguments("node /home/dev/shop/node_modules/vite/bin/vite.js --port 5173", 5173, "Vite dev server"),
                arguments("node /srv/invite/server.js", 3001, ""),
                arguments("node node_modules/.bin/webpack serve --mode development", 8081, "webpack dev server"),
                arguments("node node_modules/webpack-dev-server/bin/webpack-dev-server.js", 8081,
                        "webpack dev server"),
                arguments("node /home/dev/blog/node_modules/.bin/next dev", 3000, "Next.js dev server"),
                arguments("ruby bin/rails server -p 3000", 3000, "Rails server"),
                arguments("puma 6.4.0 (tcp://localhost:3000) [shop]", 3000, "Puma"),
                arguments("/usr/lib/jvm/java-17/bin/java --add-opens=java.base/java.util=ALL-UNNAMED -Xmx512m "
                        + "-cp /home/dev/.gradle/wrapper/dists/gradle-8.5-bin/x/gradle-8.5/lib/gradle-launcher-8.5.jar "
                        + "org.gradle.launcher.daemon.bootstrap.GradleDaemon 8.5", 41234, "Gradle daemon"),
                arguments("/opt/idea/jbr/bin/java -classpath /opt/idea/lib/app.jar com.intellij.idea.Main", 63342,
                        "JetBrains IDE"),
                arguments("ssh -N -L 15432:db.internal:5432 bastion", 15432, "SSH tunnel"),
                arguments("ssh -N -L 127.0.0.1:15432:db.internal:5432 bastion", 15432, "SSH tunnel"),
                arguments("kubectl port-forward svc/web 8081:80", 8081, "kubectl port-forward"),
                arguments("postgres -D /var/lib/postgresql/data", 5433, "PostgreSQL"),
                arguments("/usr/lib/postgresql/16/bin/postgres -D /var/lib/postgresql/16/main", 5432, "PostgreSQL"),
                arguments("/usr/sbin/mysqld --basedir=/usr", 3307, "MySQL"),
                arguments("/usr/bin/redis-server 127.0.0.1:6380", 6380, "Redis"),
                arguments("/usr/bin/mongod --config /etc/mongod.conf", 27017, "MongoDB"),
                arguments("/home/dev/.venv/bin/python /home/dev/.venv/bin/gunicorn app:app -b :8001", 8001,
                        "Gunicorn"),
                arguments("/home/dev/.venv/bin/python /home/dev/.venv/bin/jupyter-lab --no-browser", 8888,
                        "Jupyter"),
                arguments("node /home/dev/app/node_modules/.bin/ng serve", 4200, "Angular dev server"),
                arguments("node /home/dev/app/node_modules/react-scripts/scripts/start.js", 3002, ""),
                arguments("node /home/dev/app/node_modules/.bin/react-scripts start", 3002,
                        "Create React App dev server"),
                arguments("hugo server -D", 1313, "Hugo server"),
                arguments("ruby /usr/bin/jekyll serve --livereload", 4000, "Jekyll server"),
                arguments("/usr/lib/jvm/java-17/bin/java -cp kotlin-daemon.jar "
                        + "org.jetbrains.kotlin.daemon.KotlinCompileDaemon --daemon-runFilesPath /tmp", 17031,
                        "Kotlin compile daemon"),
                arguments("java -jar /srv/shop/target/quarkus-app/quarkus-run.jar", 8082, "Quarkus app"),
                arguments("/usr/bin/java -classpath /opt/tomcat/bin/bootstrap.jar "
                        + "org.apache.catalina.startup.Bootstrap start", 8083, "Tomcat"),
                arguments("/home/dev/.vscode-server/bin/abc/node /home/dev/.vscode-server/bin/abc/out/server-main.js",
                        34567, "VS Code"),
                arguments("/opt/pycharm/bin/pycharm.sh", 63343, "JetBrains IDE"),
                arguments("/usr/bin/ideaworks --serve", 3003, ""),
                // Nothing in the command line: the IANA name, as a guess.
                arguments("/opt/db/bin/some-server --data /srv", 5432, "postgresql?"),
                arguments("/opt/db/bin/some-server --data /srv", 3001, ""));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("commandLines")
    void recognisesServicesFromCommandLines(String commandLine, int port, String expected) {
        Optional<ServiceMatch> match = identifier.identify(listening(port, commandLine));

        assertThat(match.map(ServiceMatch::label).orElse("")).isEqualTo(expected);
        match.ifPresent(m -> assertThat(m.reason()).isNotBlank());
    }

    @Test
    void reasonQuotesTheMatchedArgument() {
        var match = identifier.identify(listening(5005,
                "java -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005 -jar shop.jar"));

        assertThat(match).get().extracting(ServiceMatch::reason).asString()
                .contains("-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005")
                .doesNotContain("shop.jar");
        assertThat(match.get().guess()).isFalse();
    }

    @Test
    void portNamesAreGuessesAndSayWhy() {
        var match = identifier.identify(socket(Protocol.UDP, SocketState.BOUND, 53, Optional.empty()));

        assertThat(match).get().satisfies(m -> {
            assertThat(m.label()).isEqualTo("domain?");
            assertThat(m.guess()).isTrue();
            assertThat(m.reason()).contains("53/udp");
        });
    }

    @Test
    void theLocalPortOfAConnectionGetsNoPortNameButAnAttachedDebuggerIsStillJdwp() {
        var owner = owner("java -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=5005 Main");

        assertThat(identifier.identify(socket(Protocol.TCP, SocketState.ESTABLISHED, 5432, Optional.empty())))
                .isEmpty();
        assertThat(identifier.identify(socket(Protocol.TCP, SocketState.ESTABLISHED, 5005, Optional.of(owner))))
                .get().extracting(ServiceMatch::name).isEqualTo("JDWP debugger");
    }

    @Test
    void udpSocketsOfADevServerAreNotTheDevServer() {
        var owner = owner("node /home/dev/shop/node_modules/.bin/vite");

        assertThat(identifier.identify(socket(Protocol.UDP, SocketState.BOUND, 5353, Optional.of(owner))))
                .get().extracting(ServiceMatch::label).isNotEqualTo("Vite dev server");
    }

    @Test
    void namesTheContainerWhenTheLookupKnowsIt() {
        var withNames = identifier.withContainers(ip -> ip.equals("172.17.0.2")
                ? Optional.of(new ContainerInfo("3f2a", "shop-web", "nginx:1.27")) : Optional.empty());
        Listener proxy = listening(8080, "/usr/bin/docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 8080 "
                + "-container-ip 172.17.0.2 -container-port 80");

        var match = withNames.identify(proxy).orElseThrow();

        assertThat(match.label()).isEqualTo("Docker shop-web → 80");
        assertThat(match.reason()).contains("172.17.0.2:80", "shop-web", "nginx:1.27");
    }

    @Test
    void everyBundledRuleIsExercisedByTheTable() {
        var expected = commandLines().map(a -> (String) a.get()[2]).collect(Collectors.toSet());

        assertThat(identifier.ruleNames()).isNotEmpty().allSatisfy(name -> assertThat(expected).contains(name));
    }

    static Listener listening(int port, String commandLine) {
        return socket(Protocol.TCP, SocketState.LISTEN, port, Optional.of(owner(commandLine)));
    }

    static ProcessInfo owner(String commandLine) {
        List<String> argv = Arrays.asList(commandLine.split(" "));
        return new ProcessInfo(4242, argv.get(0).replaceAll(".*/", ""), "dev", commandLine, argv, Optional.empty(),
                1);
    }

    static Listener socket(Protocol protocol, SocketState state, int port, Optional<ProcessInfo> owner) {
        Optional<Endpoint> remote = state == SocketState.ESTABLISHED
                ? Optional.of(new Endpoint("127.0.0.1", 50_123)) : Optional.empty();
        return new Listener(protocol, IpVersion.V4, new Endpoint("127.0.0.1", port), remote, state, owner);
    }
}
