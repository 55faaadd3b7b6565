package dev.portwatch.os;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OsFamilyTest {

    @Test
    void readsTheFamilyFromOsName() {
        assertThat(OsFamily.of("Linux")).isEqualTo(OsFamily.LINUX);
        assertThat(OsFamily.of("Mac OS X")).isEqualTo(OsFamily.MAC);
        assertThat(OsFamily.of("Windows 11")).isEqualTo(OsFamily.WINDOWS);
        assertThat(OsFamily.of("FreeBSD")).isEqualTo(OsFamily.OTHER);
        assertThat(OsFamily.of("")).isEqualTo(OsFamily.OTHER);
    }
}
