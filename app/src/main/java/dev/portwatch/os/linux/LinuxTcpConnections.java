package dev.portwatch.os.linux;

import dev.portwatch.model.Addresses;
import dev.portwatch.model.Endpoint;
import dev.portwatch.model.IpVersion;
import dev.portwatch.model.TcpConnection;
import dev.portwatch.os.ScanException;
import dev.portwatch.os.TcpConnections;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link TcpConnections} over netlink {@code sock_diag}: a dump of established TCP sockets with their
 * {@code tcp_info} ({@code INET_DIAG_INFO}), and {@code SOCK_DESTROY} to abort one, as {@code ss -K} does. Closing
 * needs {@code CAP_NET_ADMIN} and a kernel built with {@code CONFIG_INET_DIAG_DESTROY}; the kernel answers
 * {@code EPERM} or {@code EOPNOTSUPP} otherwise, which become {@link CloseResult#NOT_PERMITTED} and
 * {@link CloseResult#UNSUPPORTED}.
 *
 * <p>A close request carries the socket's id exactly as the kernel's dump gave it (addresses, interface and cookie),
 * so the kernel matches that very socket and answers {@code ESTALE} for a newer socket on the same addresses. Not
 * thread-safe.
 */
public final class LinuxTcpConnections implements TcpConnections, Closeable {

    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final short SOCK_DIAG_BY_FAMILY = 20;
    private static final short SOCK_DESTROY = 21;
    private static final int IPPROTO_TCP = 6;
    private static final int TCP_ESTABLISHED = 1;
    private static final int INET_DIAG_INFO = 2;
    private static final int ID = 48;
    private static final int RECEIVE_BYTES = 64 * 1024;
    private static final int EPERM = 1;
    private static final int ENOENT = 2;
    private static final int EOPNOTSUPP = 95;
    private static final int ESTALE = 116;

    private final NetlinkDiagSocket socket;
    private final ByteBuffer in;
    private final UserNames users = new UserNames();
    /** The kernel's id bytes and family of each socket of the last dump, by cookie. */
    private final Map<Long, RawId> rawIds = new HashMap<>();
    /** When each socket was first seen, by cookie; kept for sockets of the last dumps only. */
    private final Map<Long, Instant> firstSeen = new HashMap<>();

    private record RawId(int family, byte[] id) {
    }

    private LinuxTcpConnections(NetlinkDiagSocket socket) {
        this.socket = socket;
        this.in = socket.in();
    }

    /**
     * Opens a netlink socket for connection diagnostics.
     *
     * @throws IOException when netlink or JNA is not available here
     */
    public static LinuxTcpConnections open() throws IOException {
        return new LinuxTcpConnections(NetlinkDiagSocket.open(RECEIVE_BYTES));
    }

    @Override
    public List<TcpConnection> established(int localPort) throws ScanException {
        List<TcpConnection> result = new ArrayList<>();
        Map<Long, Instant> seen = new HashMap<>();
        Instant now = Instant.now();
        try {
            for (int family : new int[] {AF_INET, AF_INET6}) {
                dump(family, localPort, now, result, seen);
            }
        } catch (IOException e) {
            throw new ScanException("Could not read the TCP connections: " + e.getMessage(), e);
        }
        // Forget sockets of this port that are gone; keep other ports' first-seen times.
        firstSeen.entrySet().removeIf(entry -> !seen.containsKey(entry.getKey())
                && rawIds.containsKey(entry.getKey()) && port(rawIds.get(entry.getKey())) == localPort);
        rawIds.entrySet().removeIf(entry -> !seen.containsKey(entry.getKey()) && port(entry.getValue()) == localPort);
        firstSeen.putAll(seen);
        return result;
    }

    @Override
    public CloseResult close(TcpConnection connection) {
        RawId raw = rawIds.get(connection.cookie());
        if (raw == null) {
            try {
                established(connection.local().port());
            } catch (ScanException e) {
                return CloseResult.FAILED;
            }
            raw = rawIds.get(connection.cookie());
            if (raw == null) {
                return CloseResult.GONE;
            }
        }
        ByteBuffer request = socket.header(SOCK_DESTROY,
                (short) (NetlinkDiagSocket.NLM_F_REQUEST | NetlinkDiagSocket.NLM_F_ACK), 56);
        request.put((byte) raw.family()).put((byte) IPPROTO_TCP).put((byte) 0).put((byte) 0).putInt(-1);
        request.put(raw.id());
        int error;
        try {
            error = socket.acknowledgement(request.array());
        } catch (IOException e) {
            return CloseResult.FAILED;
        }
        return switch (-error) {
            case 0 -> CloseResult.CLOSED;
            case ENOENT, ESTALE -> CloseResult.GONE;
            case EPERM -> CloseResult.NOT_PERMITTED;
            case EOPNOTSUPP -> CloseResult.UNSUPPORTED;
            default -> CloseResult.FAILED;
        };
    }

    @Override
    public void close() {
        socket.close();
    }

    private static int port(RawId raw) {
        return ((raw.id()[0] & 0xFF) << 8) | (raw.id()[1] & 0xFF);
    }

    private void dump(int family, int localPort, Instant now, List<TcpConnection> out, Map<Long, Instant> seen)
            throws IOException {
        ByteBuffer request = socket.header(SOCK_DIAG_BY_FAMILY,
                (short) (NetlinkDiagSocket.NLM_F_REQUEST | NetlinkDiagSocket.NLM_F_DUMP), 56);
        // inet_diag_req_v2: family, protocol, extensions (tcp_info), padding, states (established only), zero id.
        request.put((byte) family).put((byte) IPPROTO_TCP).put((byte) (1 << (INET_DIAG_INFO - 1))).put((byte) 0)
                .putInt(1 << TCP_ESTABLISHED);
        socket.dump(request.array(), (msg, end) -> add(msg, end, localPort, now, out, seen));
    }

    private void add(int msg, int end, int localPort, Instant now, List<TcpConnection> out,
                     Map<Long, Instant> seen) {
        int family = in.get(msg) & 0xFF;
        int sport = ((in.get(msg + 4) & 0xFF) << 8) | (in.get(msg + 5) & 0xFF);
        if (sport != localPort) {
            return;
        }
        int dport = ((in.get(msg + 6) & 0xFF) << 8) | (in.get(msg + 7) & 0xFF);
        int length = family == AF_INET ? 4 : 16;
        byte[] src = new byte[length];
        byte[] dst = new byte[length];
        in.get(msg + 8, src);
        in.get(msg + 24, dst);
        long cookie = (in.getInt(msg + 44) & 0xFFFF_FFFFL) | ((long) in.getInt(msg + 48) << 32);
        byte[] id = new byte[ID];
        in.get(msg + 4, id);
        int uid = in.getInt(msg + 64);
        long inode = in.getInt(msg + 68) & 0xFFFF_FFFFL;
        OptionalLong sent = OptionalLong.empty();
        OptionalLong receivedBytes = OptionalLong.empty();
        OptionalLong idle = OptionalLong.empty();
        int attr = msg + NetlinkDiagSocket.DIAG_MSG;
        while (attr + 4 <= end) {
            int attrLength = in.getShort(attr) & 0xFFFF;
            int attrType = in.getShort(attr + 2) & 0xFFFF;
            if (attrLength < 4 || attr + attrLength > end) {
                break;
            }
            int info = attr + 4;
            int infoLength = attrLength - 4;
            if (attrType == INET_DIAG_INFO) {
                if (infoLength >= 56) {
                    long lastSent = in.getInt(info + 44) & 0xFFFF_FFFFL;
                    long lastReceived = in.getInt(info + 52) & 0xFFFF_FFFFL;
                    idle = OptionalLong.of(Math.min(lastSent, lastReceived));
                }
                if (infoLength >= 136) {
                    sent = OptionalLong.of(in.getLong(info + 120));
                    receivedBytes = OptionalLong.of(in.getLong(info + 128));
                }
            }
            attr += (attrLength + 3) & ~3;
        }
        rawIds.put(cookie, new RawId(family, id));
        Instant first = firstSeen.getOrDefault(cookie, now);
        seen.put(cookie, first);
        var local = new Endpoint(Addresses.format(src), sport);
        var remote = new Endpoint(Addresses.format(dst), dport);
        out.add(new TcpConnection(IpVersion.ofAddress(local.address()), local, remote,
                Optional.of(users.of(uid)), inode, cookie, sent, receivedBytes, idle, first));
    }
}
