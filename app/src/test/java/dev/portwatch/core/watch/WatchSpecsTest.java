package dev.portwatch.core.watch;

import dev.portwatch.model.PortRange;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.WatchRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WatchSpecsTest {

    @Test
    void parsesPortsRangesAndProtocols() throws WatchSpecException {
        List<WatchRule> rules = WatchSpecs.parse("62893, 3000-3010,5353/udp,53/both");

        assertThat(rules).containsExactly(
                WatchRule.tcp(PortRange.of(62893)),
                WatchRule.tcp(new PortRange(3000, 3010)),
                new WatchRule(PortRange.of(5353), "", "", Set.of(Protocol.UDP)),
                new WatchRule(PortRange.of(53), "", "", Set.of(Protocol.TCP, Protocol.UDP)));
    }

    @Test
    void acceptsTheWidestAllowedRangeAndTheEdges() throws WatchSpecException {
        assertThat(WatchSpecs.parse("1-1024").get(0).ports().width()).isEqualTo(WatchSpecs.MAX_WIDTH);
        assertThat(WatchSpecs.parse("65535").get(0).ports()).isEqualTo(PortRange.of(65535));
        assertThat(WatchSpecs.parse("1").get(0).ports()).isEqualTo(PortRange.of(1));
    }

    @ParameterizedTest(name = "''{0}'' is refused naming ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "abc            | 'abc' is not a port number",
        "70000          | '70000' is above 65535",
        "99999999999    | '99999999999' is above 65535",
        "0              | '0': port 0 cannot be watched",
        "10-5           | '10-5': the range is reversed",
        "1000-2024      | '1000-2024': the range spans 1025 ports",
        "80,80          | '80' duplicates the watched entry 80/tcp",
        "3000-3010,3005 | '3005' overlaps the watched entry 3000-3010/tcp",
        "80,            | '80,' has an empty entry; remove the extra comma",
        "'80,,81'       | '80,,81' has an empty entry",
        "-5             | '-5' is not a port number",
        "80/sctp        | expected /tcp, /udp or /both after the port, not '/sctp'",
        "12-abc         | 'abc' is not a port number",
    })
    void refusesBadPartsNamingThem(String spec, String message) {
        assertThatThrownBy(() -> WatchSpecs.parse(spec))
                .isInstanceOf(WatchSpecException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "''{0}'' means 80 and 81 everywhere")
    @CsvSource(delimiter = '|', value = {"80,81", "' 80, 81 '", "'80 ,81'"})
    void spacesAroundPartsAreIgnoredInEveryReader(String spec) throws WatchSpecException {
        assertThat(WatchSpecs.parse(spec)).extracting(WatchRule::ports)
                .containsExactly(PortRange.of(80), PortRange.of(81));
        assertThat(WatchSpecs.ranges(spec)).containsExactly(PortRange.of(80), PortRange.of(81));
        assertThat(WatchSpecs.ports(spec)).containsExactly(80, 81);
    }

    @ParameterizedTest(name = "''{0}'' is refused alike by --watch, the panel and kill")
    @CsvSource(delimiter = '|', value = {"'80,' | has an empty entry", "',80' | has an empty entry",
        "abc | 'abc' is not a port number", "0 | port 0 cannot be watched"})
    void everyReaderRefusesTheSameTextWithTheSameSentence(String spec, String message) {
        assertThatThrownBy(() -> WatchSpecs.parse(spec)).hasMessageContaining(message);
        assertThatThrownBy(() -> WatchSpecs.ranges(spec)).hasMessageContaining(message);
        assertThatThrownBy(() -> WatchSpecs.ports(spec)).hasMessageContaining(message);
    }

    @Test
    void killTakesPortsNotRanges() throws WatchSpecException {
        assertThat(WatchSpecs.ports(" 80")).containsExactly(80);
        assertThatThrownBy(() -> WatchSpecs.ports("3000-3010")).hasMessageContaining("not a range");
        assertThatThrownBy(() -> WatchSpecs.ports("53/udp")).hasMessageContaining("not a range or a protocol");
    }

    @Test
    void tcpAndUdpOnTheSamePortDoNotOverlap() throws WatchSpecException {
        assertThat(WatchSpecs.parse("53/tcp,53/udp")).hasSize(2);
    }

    @Test
    void clashIgnoresTheEntryBeingEdited() {
        WatchRule saved = WatchRule.tcp(new PortRange(3000, 3010));
        WatchRule edited = WatchRule.tcp(new PortRange(3000, 3020));

        assertThat(WatchSpecs.clash(edited, List.of(saved), Optional.of(saved))).isEmpty();
        assertThat(WatchSpecs.clash(edited, List.of(saved), Optional.empty()))
                .hasValueSatisfying(m -> assertThat(m).contains("'3000-3020' overlaps the watched entry 3000-3010"));
    }

    @Test
    void emptySpecIsRefused() {
        assertThatThrownBy(() -> WatchSpecs.parse("  ")).hasMessageContaining("empty watch list");
    }
}
