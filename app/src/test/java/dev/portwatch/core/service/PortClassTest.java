package dev.portwatch.core.service;

import dev.portwatch.model.EphemeralRange;
import dev.portwatch.os.EphemeralPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortClassTest {

    @ParameterizedTest
    @CsvSource({"0,WELL_KNOWN", "22,WELL_KNOWN", "1023,WELL_KNOWN", "1024,REGISTERED", "5432,REGISTERED",
        "49151,REGISTERED", "49152,DYNAMIC", "65535,DYNAMIC"})
    void classifiesPortsAtTheBoundaries(int port, RangeClass expected) {
        assertThat(RangeClass.of(port)).isEqualTo(expected);
    }

    @Test
    void rejectsPortsOutOfRange() {
        assertThatThrownBy(() -> RangeClass.of(65_536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RangeClass.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void saysWhetherAPortIsInTheEphemeralRange() {
        var linux = new EphemeralRange(32_768, 60_999, "test");

        assertThat(PortClass.of(40_000, linux).inEphemeralRange()).isTrue();
        assertThat(PortClass.of(40_000, linux).describe())
                .isEqualTo("registered (1024–49151), inside this OS's ephemeral range 32768–60999");
        assertThat(PortClass.of(61_000, linux).inEphemeralRange()).isFalse();
        assertThat(PortClass.of(61_000, EphemeralRange.IANA_DYNAMIC).inEphemeralRange()).isTrue();
    }

    @Test
    void readsALinuxRangeFileAndRejectsGarbage(@TempDir Path dir) throws IOException {
        Path good = Files.writeString(dir.resolve("good"), "32768\t60999\n");
        Path bad = Files.writeString(dir.resolve("bad"), "60999 32768\n");
        Path text = Files.writeString(dir.resolve("text"), "lots\n");

        assertThat(EphemeralPorts.read(good)).get().satisfies(r -> {
            assertThat(r.first()).isEqualTo(32_768);
            assertThat(r.last()).isEqualTo(60_999);
        });
        assertThat(EphemeralPorts.read(bad)).isEmpty();
        assertThat(EphemeralPorts.read(text)).isEmpty();
        assertThat(EphemeralPorts.read(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void thisMachinesRangeIsAValidRange() {
        EphemeralRange range = EphemeralPorts.current();

        assertThat(range.first()).isLessThanOrEqualTo(range.last());
        if (Files.isReadable(EphemeralPorts.LINUX_RANGE)) {
            assertThat(range.source()).isEqualTo(EphemeralPorts.LINUX_RANGE.toString());
        }
    }
}
