package dev.portwatch.os.linux;

/** The same checks as {@link LinuxSocketScannerTest}, with the socket tables read from {@code /proc/net}. */
class LinuxSocketScannerProcNetTest extends LinuxSocketScannerTest {

    @Override
    boolean useNetlink() {
        return false;
    }
}
