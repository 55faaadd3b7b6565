package dev.portwatch.os.linux;

import dev.portwatch.model.Endpoint;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.SocketState;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SocketTableTest {

    @Test
    void tablesAreInTheOrderOfProcNetAndRoundTripThroughTheirOrdinal() {
        assertThat(SocketTable.values()).extracting(SocketTable::fileName)
                .containsExactly("tcp", "tcp6", "udp", "udp6");
        for (SocketTable table : SocketTable.values()) {
            assertThat(SocketTable.ofOrdinal((byte) table.ordinal())).isSameAs(table);
        }
        assertThat(SocketTable.tcpOfFamily(10)).isSameAs(SocketTable.TCP6);
        assertThat(SocketTable.tcpOfFamily(2)).isSameAs(SocketTable.TCP);
        assertThat(SocketTable.UDP6.protocol()).isEqualTo(Protocol.UDP);
        assertThat(SocketTable.UDP6.addressBytes()).isEqualTo(16);
    }

    @Test
    void statesFollowTheKernelNumbersForTcpAndThePeerForUdp() {
        var peer = Optional.of(new Endpoint("10.0.0.2", 53));
        assertThat(SocketTable.TCP.stateOf(0x0A, Optional.empty())).isEqualTo(SocketState.LISTEN);
        assertThat(SocketTable.TCP6.stateOf(0x01, peer)).isEqualTo(SocketState.ESTABLISHED);
        assertThat(SocketTable.TCP.stateOf(0x06, peer)).isEqualTo(SocketState.TIME_WAIT);
        assertThat(SocketTable.TCP.stateOf(0x0C, peer)).isEqualTo(SocketState.SYN_RECV);
        assertThat(SocketTable.TCP.stateOf(0x0D, peer)).isEqualTo(SocketState.OTHER);
        assertThat(SocketTable.UDP.stateOf(0x07, Optional.empty())).isEqualTo(SocketState.BOUND);
        assertThat(SocketTable.UDP.stateOf(0x01, peer)).isEqualTo(SocketState.ESTABLISHED);
    }
}
