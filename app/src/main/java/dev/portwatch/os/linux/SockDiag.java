package dev.portwatch.os.linux;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import dev.portwatch.model.Protocol;

import java.io.Closeable;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;

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
     * destination (16), inode (8).
     */
    static final int RECORD = 46;
    /** The leading bytes of a record that say whether a socket is unchanged; the inode follows them. */
    static final int KEY = 38;

    private static final int AF_NETLINK = 16;
    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int NETLINK_SOCK_DIAG = 4;
    private static final short SOCK_DIAG_BY_FAMILY = 20;
    private static final short TCPDIAG_GETSOCK = 18;
    private static final short NLM_F_REQUEST = 0x1;
    private static final short NLM_F_DUMP = 0x300;
    private static final int NLMSG_ERROR = 2;
    private static final int NLMSG_DONE = 3;
    private static final int HEADER = 16;
    private static final int DIAG_MSG = 72;
    private static final int RECEIVE_BYTES = 256 * 1024;

    /** The libc calls netlink needs. */
    interface LibC extends Library {
        int socket(int domain, int type, int protocol);

        NativeLong send(int fd, byte[] buffer, NativeLong length, int flags);

        NativeLong recv(int fd, Pointer buffer, NativeLong length, int flags);

        int close(int fd);
    }

    private final LibC libc;
    private final int fd;
    /**
     * Native, not a Java array: JNA copies an array argument into native memory and back on every call, the whole
     * buffer both ways; over the dozens of receives of a 5,000-socket dump that was about 1 ms of an 8 ms scan.
     */
    private final Memory receive = new Memory(RECEIVE_BYTES);
    private final ByteBuffer in = receive.getByteBuffer(0, RECEIVE_BYTES).order(ByteOrder.nativeOrder());
    private byte[] records = new byte[64 * 1024];
    private int count;
    private int sequence;
    private boolean compatTcp = true;

    /** Closes the descriptor of readers dropped without {@link #close()} (the benchmark's cold scanners). */
    private static final Cleaner CLEANER = Cleaner.create();

    private final Cleaner.Cleanable cleanable;

    private SockDiag(LibC libc, int fd) {
        this.libc = libc;
        this.fd = fd;
        this.cleanable = CLEANER.register(this, () -> libc.close(fd));
    }

    /**
     * Opens a netlink socket for socket diagnostics.
     *
     * @throws IOException when netlink or JNA is not available here; callers fall back to {@code /proc}
     */
    static SockDiag open() throws IOException {
        LibC libc;
        try {
            libc = Native.load("c", LibC.class);
        } catch (LinkageError | RuntimeException e) {
            throw new IOException("libc is not reachable through JNA: " + e.getMessage(), e);
        }
        int fd = libc.socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
        if (fd < 0) {
            throw new IOException("netlink sock_diag is not available (errno " + Native.getLastError() + ")");
        }
        return new SockDiag(libc, fd);
    }

    /**
     * Dumps every TCP and UDP socket, IPv4 and IPv6, into the record buffer.
     *
     * @return the number of records; read them with {@link #records()}
     * @throws IOException when the kernel refused or the dump was malformed
     */
    int dump() throws IOException {
        count = 0;
        if (compatTcp) {
            try {
                exchange(compatTcpRequest(), Optional.empty());
            } catch (IOException e) {
                // A kernel without the old request: ask per family from now on.
                compatTcp = false;
                count = 0;
            }
        }
        for (SocketTable table : SocketTable.values()) {
            if (!(compatTcp && table.protocol() == Protocol.TCP)) {
                exchange(request(table.family(), table.ipProtocol()), Optional.of(table));
            }
        }
        return count;
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

    /** The records of the last dump, {@link #RECORD} bytes each; valid until the next dump. */
    byte[] records() {
        return records;
    }

    @Override
    public void close() {
        cleanable.clean();
    }

    /** A {@code SOCK_DIAG_BY_FAMILY} request for every socket of one family and protocol. */
    private byte[] request(int family, int protocol) {
        ByteBuffer request = header(SOCK_DIAG_BY_FAMILY, 56);
        // inet_diag_req_v2: family, protocol, extensions, padding, states (all), then a zero socket id.
        request.put((byte) family).put((byte) protocol).put((byte) 0).put((byte) 0).putInt(-1);
        return request.array();
    }

    /**
     * The older {@code TCPDIAG_GETSOCK} request: the kernel answers it for IPv4 and IPv6 in one walk of its
     * connection hash table, where two per-family requests walk that (large, mostly empty) table twice.
     */
    private byte[] compatTcpRequest() {
        ByteBuffer request = header(TCPDIAG_GETSOCK, 60);
        // inet_diag_req: family, source and destination prefix lengths, extensions, socket id (48), states, dbs.
        request.put((byte) AF_INET).put((byte) 0).put((byte) 0).put((byte) 0).position(HEADER + 52);
        request.putInt(-1).putInt(0);
        return request.array();
    }

    private ByteBuffer header(short type, int bodyLength) {
        ByteBuffer request = ByteBuffer.allocate(HEADER + bodyLength).order(ByteOrder.nativeOrder());
        request.putInt(HEADER + bodyLength).putShort(type).putShort((short) (NLM_F_REQUEST | NLM_F_DUMP))
                .putInt(++sequence).putInt(0);
        return request;
    }

    /**
     * Sends a dump request and adds the answers as records of {@code table}, or, when it is empty, of the TCP table
     * of each answer's family.
     */
    private void exchange(byte[] bytes, Optional<SocketTable> table) throws IOException {
        if (libc.send(fd, bytes, new NativeLong(bytes.length), 0).longValue() != bytes.length) {
            throw new IOException("netlink request failed (errno " + Native.getLastError() + ")");
        }
        while (true) {
            long received = libc.recv(fd, receive, new NativeLong(RECEIVE_BYTES), 0).longValue();
            if (received <= 0) {
                throw new IOException("netlink dump ended early (errno " + Native.getLastError() + ")");
            }
            int at = 0;
            while (at + HEADER <= received) {
                int length = in.getInt(at);
                int type = in.getShort(at + 4) & 0xFFFF;
                if (length < HEADER || at + length > received) {
                    throw new IOException("malformed netlink message");
                }
                if (type == NLMSG_DONE) {
                    return;
                }
                if (type == NLMSG_ERROR) {
                    throw new IOException("netlink dump refused (error " + in.getInt(at + HEADER) + ")");
                }
                if (length >= HEADER + DIAG_MSG) {
                    int family = in.get(at + HEADER);
                    add(table.orElseGet(() -> SocketTable.tcpOfFamily(family)), at + HEADER);
                }
                at += (length + 3) & ~3;
            }
        }
    }

    /** Copies one inet_diag_msg's identifying fields into a record. */
    private void add(SocketTable table, int msg) {
        if ((count + 1) * RECORD > records.length) {
            records = Arrays.copyOf(records, records.length * 2);
        }
        int out = count * RECORD;
        records[out] = (byte) table.ordinal();
        records[out + 1] = in.get(msg + 1);
        // sport, dport (network order), src[16], dst[16]: 36 bytes from offset 4 of the message.
        in.get(msg + 4, records, out + 2, 36);
        long inode = in.getInt(msg + 68) & 0xFFFF_FFFFL;
        for (int i = 0; i < 8; i++) {
            records[out + KEY + i] = (byte) (inode >>> (56 - 8 * i));
        }
        count++;
    }
}
