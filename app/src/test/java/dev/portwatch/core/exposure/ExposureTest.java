package dev.portwatch.core.exposure;

import dev.portwatch.core.service.ServiceIdentifier;
import dev.portwatch.model.Endpoint;
import dev.portwatch.model.IpVersion;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.SocketState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ExposureTest {

    private static final String JDWP = "java -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005 Main";

    @ParameterizedTest(name = "{0} {1} on {2}: {3}")
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1 | 5005 | " + JDWP + " | LOOPBACK",
            "::1       | 5005 | " + JDWP + " | LOOPBACK",
            "127.0.1.1 | 5005 | " + JDWP + " | LOOPBACK",
            "0.0.0.0   | 5005 | " + JDWP + " | CRITICAL",
            "::        | 5005 | " + JDWP + " | CRITICAL",
            "10.1.2.3  | 5005 | " + JDWP + " | CRITICAL",
            // the same JVM's other port is not the debugger
            "0.0.0.0   | 8080 | " + JDWP + " | NETWORK",
            "0.0.0.0   | 9229 | node --inspect=0.0.0.0:9229 app.js | CRITICAL",
            "0.0.0.0   | 5678 | python3 -m debugpy --listen 0.0.0.0:5678 app.py | CRITICAL",
            "0.0.0.0   | 5678 | python3 -m debugpy --listen 5678 --wait-for-client app.py | CRITICAL",
            "::        | 9010 | java -Dcom.sun.management.jmxremote.port=9010 "
                    + "-Dcom.sun.management.jmxremote.authenticate=false -jar a.jar | CRITICAL",
            // JMX asks for a password by default
            "::        | 9010 | java -Dcom.sun.management.jmxremote.port=9010 -jar a.jar | NETWORK",
            "0.0.0.0   | 3000 | python3 -m http.server 3000 | NETWORK",
            "127.0.0.1 | 3000 | python3 -m http.server 3000 | LOOPBACK",
            // only the port number suggests a service: never critical on a guess
            "0.0.0.0   | 5432 | postgres -D /data | NETWORK",
    })
    void classifiesByAddressAndService(String address, int port, String command, Exposure expected) {
        Listener socket = listener(address, port, command);
        Exposure exposure = Exposure.of(socket, ServiceIdentifier.standard().identify(socket));

        assertThat(exposure).isEqualTo(expected);
        assertThat(exposure.isExposed()).isEqualTo(expected != Exposure.LOOPBACK);
    }

    @Test
    void ownerlessWildcardListenerIsNetwork() {
        Listener socket = new Listener(Protocol.TCP, IpVersion.V4, new Endpoint("0.0.0.0", 2024), Optional.empty(),
                SocketState.LISTEN, Optional.empty());

        assertThat(Exposure.of(socket, Optional.empty())).isEqualTo(Exposure.NETWORK);
    }

    @Test
    void sentencesSayWhatTheExposureMeans() {
        Listener critical = listener("0.0.0.0", 5005, JDWP);
        Listener loopback = listener("127.0.0.1", 5005, JDWP);
        var service = ServiceIdentifier.standard();

        assertThat(Exposure.sentence(critical, service.identify(critical))).get().asString()
                .contains("JDWP debugger", "0.0.0.0:5005", "run code as user dev", "127.0.0.1");
        assertThat(Exposure.sentence(loopback, service.identify(loopback))).isEmpty();
        assertThat(Exposure.CRITICAL.label()).isEqualTo("critical");
    }

    private static Listener listener(String address, int port, String command) {
        var owner = new ProcessInfo(4242, command.split(" ")[0], "dev", command, Arrays.asList(command.split(" ")),
                Optional.empty(), 1);
        return new Listener(Protocol.TCP, address.contains(":") ? IpVersion.V6 : IpVersion.V4,
                new Endpoint(address, port), Optional.empty(), SocketState.LISTEN, Optional.of(owner));
    }
}
