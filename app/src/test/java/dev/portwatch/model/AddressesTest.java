package dev.portwatch.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class AddressesTest {

    @ParameterizedTest
    @CsvSource({
        "0:0:0:0:0:0:0:1, ::1",
        "0:0:0:0:0:0:0:0, ::",
        "fe80:0:0:0:1:2:3:4, fe80::1:2:3:4",
        "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "1:2:3:4:5:0:0:0, 1:2:3:4:5::",
    })
    void compressesIpv6LikeRfc5952(String full, String compressed) {
        assertThat(Addresses.compress(full)).isEqualTo(compressed);
    }

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, true, false, true",
        "127.0.1.1, true, false, true",
        "::1, true, false, true",
        "0.0.0.0, false, true, true",
        ":: , false, true, true",
        "192.168.1.20, false, false, false",
        "fe80::1, false, false, false",
    })
    void classifiesBindAddresses(String address, boolean loopback, boolean wildcard, boolean localhost) {
        String text = address.strip();
        assertThat(Addresses.isLoopback(text)).isEqualTo(loopback);
        assertThat(Addresses.isWildcard(text)).isEqualTo(wildcard);
        assertThat(Addresses.isLocalhostReachable(text)).isEqualTo(localhost);
        assertThat(Addresses.isNetworkExposed(text)).isEqualTo(!loopback);
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1, 62893, 127.0.0.1:62893", "::1, 62893, [::1]:62893", "::, 80, [::]:80"})
    void formatsHostPortWithBracketsForIpv6(String address, int port, String expected) {
        assertThat(Addresses.hostPort(address, port)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"7f000001, 127.0.0.1", "00000000000000000000000000000001, ::1", "00000000, 0.0.0.0"})
    void formatsRawAddressBytes(String hex, String expected) {
        byte[] raw = HexFormat.of().parseHex(hex);
        assertThat(Addresses.format(raw)).isEqualTo(expected);
    }
}
