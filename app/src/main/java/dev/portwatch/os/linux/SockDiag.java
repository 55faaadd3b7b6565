package dev.portwatch.os.linux;

import dev.portwatch.model.Protocol;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads the kernel's socket tables over netlink ({@code NETLINK_SOCK_DIAG}, what {@code ss} uses) instead of
 * {@code /proc/net/*}: the same sockets, in binary, for a fraction of the kernel time that formatting thousands of
 * text lines costs. Called through JNA's libc binding.
 *
 * <p>Each socket becomes one fixed-size record in a reusable buffer: the fields that identify and describe it
 * (family, state, ports, addresses) followed by its inode. Not thread-safe: one dump at a time.
 */
final class SockDiag implements Closeable {

    /**
     * Bytes of one record: table ({@link SocketTable#ordinal()}, 1), TCP state (1), ports (4), source (16),
     * destination (16), uid (4), inode (8).
     */
    static final int RECORD = 50;
    /** The leading bytes of a record that say whether a socket is unchanged; the inode follows them. */
    static final int KEY = 42;
    /** Where a record's uid starts (4 bytes, big-endian). */
    static final int UID = 38;

    private static final int AF_INET = 2;
    private static final short SOCK_DIAG_BY_FAMILY = 20;
    private static final short TCPDIAG_GETSOCK = 18;
    private static final short DUMP = NetlinkDiagSocket.NLM_F_REQUEST | NetlinkDiagSocket.NLM_F_DUMP;
    private static final int RECEIVE_BYTES = 256 * 1024;
    /** The kernel's number for the LISTEN state ({@code include/net/tcp_states.h}). */
    private static final int TCP_LISTEN = 10;

    private final NetlinkDiagSocket socket;
    private final ByteBuffer in;
    private byte[] records = new byte[64 * 1024];
    private int count;
    private boolean compatTcp = true;
    private final Supplier<TcpActivity.Change> activity;
    /** The TCP listener records of the last listener dump; null before the first. */
    private byte[] listeners;
    /** The TCP connection records of the last walk of the connection table; null before the first. */
    private byte[] connections;
    private long listenerDumps;
    private long connectionWalks;

    private SockDiag(NetlinkDiagSocket socket, Supplier<TcpActivity.Change> activity) {
        this.socket = socket;
        this.in = socket.in();
        this.activity = activity;
    }

    /**
     * Opens a netlink socket for socket diagnostics.
     *
     * @param activity asked at each {@link #dump()} but the first what it must get from the kernel
     *                 ({@link TcpActivity#sinceLastDump()}); always {@code ALL} dumps everything each time
     * @throws IOException when netlink or JNA is not available here; callers fall back to {@code /proc}
     */
    static SockDiag open(Supplier<TcpActivity.Change> activity) throws IOException {
        return new SockDiag(NetlinkDiagSocket.open(RECEIVE_BYTES), activity);
    }

    /**
     * Dumps every TCP and UDP socket, IPv4 and IPv6, into the record buffer: UDP sockets from the kernel each time,
     * TCP listeners and connections from the kernel when {@link TcpActivity} says they may have changed, and as the
     * last dump found them otherwise (walking the TCP tables is most of an idle scan's cost). Records come in the
     * kernel's order either way: TCP listeners, TCP connections, UDP.
     *
     * @return the number of records; read them with {@link #records()}
     * @throws IOException when the kernel refused or the dump was malformed
     */
    int dump() throws IOException {
        TcpActivity.Change change = activity.get();
        if (listeners == null) {
            change = TcpActivity.Change.ALL;
        }
        count = 0;
        if (change == TcpActivity.Change.NONE) {
            append(listeners);
        } else {
            tcp(1 << TCP_LISTEN);
            listeners = Arrays.copyOfRange(records, 0, count * RECORD);
            listenerDumps++;
        }
        if (change == TcpActivity.Change.ALL || connections == null) {
            int from = count;
            tcp(~(1 << TCP_LISTEN));
            connections = Arrays.copyOfRange(records, from * RECORD, count * RECORD);
            connectionWalks++;
        } else {
            append(connections);
        }
        for (SocketTable table : SocketTable.values()) {
            if (table.protocol() == Protocol.UDP) {
                exchange(request(table.family(), table.ipProtocol(), -1), Optional.of(table));
            }
        }
        return count;
    }

    /** How many dumps walked the kernel's connection table; the others reused the connections of the one before. */
    long connectionWalks() {
        return connectionWalks;
    }

    /** How many dumps asked the kernel for TCP listeners; the others reused the listeners of the one before. */
    long listenerDumps() {
        return listenerDumps;
    }

    /** Dumps the TCP sockets in {@code states} (a bit per TCP state number), of both families. */
    private void tcp(int states) throws IOException {
        if (compatTcp) {
            int before = count;
            try {
                exchange(compatTcpRequest(states), Optional.empty());
                return;
            } catch (IOException e) {
                // A kernel without the old request: ask per family from now on.
                compatTcp = false;
                count = before;
            }
        }
        for (SocketTable table : SocketTable.values()) {
            if (table.protocol() == Protocol.TCP) {
                exchange(request(table.family(), table.ipProtocol(), states), Optional.of(table));
            }
        }
    }

    private void append(byte[] saved) {
        ensureRoom(count + saved.length / RECORD);
        System.arraycopy(saved, 0, records, count * RECORD, saved.length);
        count += saved.length / RECORD;
    }

    private void ensureRoom(int recordCount) {
        if (recordCount * RECORD > records.length) {
            records = Arrays.copyOf(records, Math.max(records.length * 2, recordCount * RECORD));
        }
    }

    /** The inode of record {@code index} of the last dump. */
    long inode(int index) {
        long inode = 0;
        int at = index * RECORD + KEY;
        for (int i = 0; i < 8; i++) {
            inode = (inode << 8) | (records[at + i] & 0xFF);
        }
        return inode;
    }

    /** The uid the kernel recorded for the socket of record {@code index} of the last dump. */
    int uid(int index) {
        int at = index * RECORD + UID;
        return ((records[at] & 0xFF) << 24) | ((records[at + 1] & 0xFF) << 16) | ((records[at + 2] & 0xFF) << 8)
                | (records[at + 3] & 0xFF);
    }

    /** The records of the last dump, {@link #RECORD} bytes each; valid until the next dump. */
    byte[] records() {
        return records;
    }

    @Override
    public void close() {
        socket.close();
    }

    /** A {@code SOCK_DIAG_BY_FAMILY} request for the sockets of one family and protocol in {@code states}. */
    private byte[] request(int family, int protocol, int states) {
        ByteBuffer request = socket.header(SOCK_DIAG_BY_FAMILY, DUMP, 56);
        // inet_diag_req_v2: family, protocol, extensions, padding, states, then a zero socket id.
        request.put((byte) family).put((byte) protocol).put((byte) 0).put((byte) 0).putInt(states);
        return request.array();
    }

    /**
     * The older {@code TCPDIAG_GETSOCK} request: the kernel answers it for IPv4 and IPv6 in one walk of its
     * connection hash table, where two per-family requests walk that (large, mostly empty) table twice.
     */
    private byte[] compatTcpRequest(int states) {
        ByteBuffer request = socket.header(TCPDIAG_GETSOCK, DUMP, 60);
        // inet_diag_req: family, source and destination prefix lengths, extensions, socket id (48), states, dbs.
        request.put((byte) AF_INET).put((byte) 0).put((byte) 0).put((byte) 0)
                .position(NetlinkDiagSocket.HEADER + 52);
        request.putInt(states).putInt(0);
        return request.array();
    }

    /**
     * Sends a dump request and adds the answers as records of {@code table}, or, when it is empty, of the TCP table
     * of each answer's family.
     */
    private void exchange(byte[] request, Optional<SocketTable> table) throws IOException {
        socket.dump(request, (msg, end) -> add(table.orElseGet(() -> SocketTable.tcpOfFamily(in.get(msg))), msg));
    }

    /** Copies one inet_diag_msg's identifying fields into a record. */
    private void add(SocketTable table, int msg) {
        ensureRoom(count + 1);
        int out = count * RECORD;
        records[out] = (byte) table.ordinal();
        records[out + 1] = in.get(msg + 1);
        // sport, dport (network order), src[16], dst[16]: 36 bytes from offset 4 of the message.
        in.get(msg + 4, records, out + 2, 36);
        int uid = in.getInt(msg + 64);
        for (int i = 0; i < 4; i++) {
            records[out + UID + i] = (byte) (uid >>> (24 - 8 * i));
        }
        long inode = in.getInt(msg + 68) & 0xFFFF_FFFFL;
        for (int i = 0; i < 8; i++) {
            records[out + KEY + i] = (byte) (inode >>> (56 - 8 * i));
        }
        count++;
    }
}
