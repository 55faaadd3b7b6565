package dev.portwatch.os.linux;

import dev.portwatch.model.Addresses;
import dev.portwatch.model.Endpoint;
import dev.portwatch.model.IpVersion;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.os.ScanException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the text socket tables {@code /proc/net/{tcp,tcp6,udp,udp6}}: finds each socket's line (addresses, state,
 * inode) and builds a {@link Listener} from it, as OSHI's connection list would report it. Used where netlink is not
 * available. Reuses one read buffer per table; one thread at a time.
 */
final class ProcNetTables {

    private final Path proc;
    private final Map<String, String> addressText;
    /** One reusable read buffer per table, grown as needed (about 150 bytes per socket). */
    private final byte[][] buffers = {new byte[64 * 1024], new byte[64 * 1024], new byte[16 * 1024],
        new byte[16 * 1024]};

    /**
     * @param proc        the proc file system's root, normally {@code /proc}
     * @param addressText a cache of address texts by their hex form, shared with the caller, who bounds it
     */
    ProcNetTables(Path proc, Map<String, String> addressText) {
        this.proc = proc;
        this.addressText = addressText;
    }

    /**
     * Adds one line per socket of every table to {@code lines}. The lines point into this reader's buffers, valid
     * until the next call.
     *
     * @throws ScanException when a table that must exist cannot be read
     */
    void read(List<SocketLine> lines) throws ScanException {
        for (SocketTable table : SocketTable.values()) {
            readTable(table, lines);
        }
    }

    private void readTable(SocketTable table, List<SocketLine> lines) throws ScanException {
        Path file = proc.resolve("net").resolve(table.fileName());
        int length;
        try {
            length = readFully(table, file);
        } catch (IOException e) {
            if (table.optional() && !Files.exists(file)) {
                return;
            }
            throw new ScanException("Could not read the socket table " + file + ": " + e.getMessage(), e);
        }
        byte[] text = buffers[table.ordinal()];
        int[] starts = new int[10];
        int[] ends = new int[10];
        int pos = nextLine(text, 0, length);
        while (pos < length) {
            int end = nextLine(text, pos, length) - 1;
            int fields = fields(text, pos, end, starts, ends);
            if (fields == 10) {
                lines.add(new SocketLine(table, text, starts[1], ends[3], parseDecimal(text, starts[9], ends[9]),
                        false));
            }
            pos = end + 1;
        }
    }

    /**
     * Reads a table into its reusable buffer, in large reads: the kernel generates the text per read call, and
     * few large reads cost noticeably less than many small ones at thousands of sockets.
     *
     * @return the number of bytes read
     */
    private int readFully(SocketTable table, Path file) throws IOException {
        byte[] buffer = buffers[table.ordinal()];
        int length = 0;
        try (var in = Files.newInputStream(file)) {
            while (true) {
                if (length == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                    buffers[table.ordinal()] = buffer;
                }
                int read = in.read(buffer, length, buffer.length - length);
                if (read < 0) {
                    return length;
                }
                length += read;
            }
        }
    }

    /** Splits a line at runs of spaces into at most 10 fields; returns how many it found. */
    private static int fields(byte[] text, int from, int to, int[] starts, int[] ends) {
        int field = 0;
        int pos = from;
        while (field < starts.length) {
            while (pos < to && text[pos] == ' ') {
                pos++;
            }
            if (pos >= to) {
                break;
            }
            starts[field] = pos;
            while (pos < to && text[pos] != ' ') {
                pos++;
            }
            ends[field] = pos;
            field++;
        }
        return field;
    }

    private static int nextLine(byte[] text, int from, int length) {
        int pos = from;
        while (pos < length && text[pos] != '\n') {
            pos++;
        }
        return Math.min(pos + 1, length + 1);
    }

    /** Builds a socket from {@code local remote state}, as OSHI's connection list would report it. */
    Listener parse(SocketLine line, Optional<ProcessInfo> owner) {
        byte[] text = line.text();
        SocketTable table = line.table();
        int localColon = indexOf(text, ':', line.from(), line.to());
        int localEnd = indexOf(text, ' ', localColon, line.to());
        var local = new Endpoint(address(text, line.from(), localColon), parseHex(text, localColon + 1, localEnd));
        IpVersion version = IpVersion.ofAddress(local.address());
        int remoteStart = skipSpaces(text, localEnd, line.to());
        int remoteColon = indexOf(text, ':', remoteStart, line.to());
        int remoteEnd = indexOf(text, ' ', remoteColon, line.to());
        int remotePort = parseHex(text, remoteColon + 1, remoteEnd);
        Optional<Endpoint> remote = remotePort == 0 ? Optional.empty()
                : Optional.of(new Endpoint(address(text, remoteStart, remoteColon), remotePort));
        int tcpState = parseHex(text, skipSpaces(text, remoteEnd, line.to()), line.to());
        return new Listener(table.protocol(), version, local, remote, table.stateOf(tcpState, remote), owner);
    }

    private static int indexOf(byte[] text, char wanted, int from, int to) {
        int pos = from;
        while (pos < to && text[pos] != wanted) {
            pos++;
        }
        return pos;
    }

    private static int skipSpaces(byte[] text, int from, int to) {
        int pos = from;
        while (pos < to && text[pos] == ' ') {
            pos++;
        }
        return pos;
    }

    private static int parseHex(byte[] text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 16 + Character.digit(text[i], 16);
        }
        return value;
    }

    /** Text of an address as the kernel prints it: 32-bit words in host (little-endian) byte order. */
    private String address(byte[] text, int from, int to) {
        String hex = new String(text, from, to - from, StandardCharsets.ISO_8859_1);
        return addressText.computeIfAbsent(hex, h -> {
            byte[] raw = new byte[h.length() / 2];
            for (int word = 0; word < raw.length; word += 4) {
                for (int i = 0; i < 4; i++) {
                    int at = (word + 3 - i) * 2;
                    raw[word + i] = (byte) Integer.parseInt(h, at, at + 2, 16);
                }
            }
            return Addresses.format(raw);
        });
    }

    private static long parseDecimal(byte[] text, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                return 0;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
