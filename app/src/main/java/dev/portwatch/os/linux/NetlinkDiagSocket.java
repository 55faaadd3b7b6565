package dev.portwatch.os.linux;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

import java.io.Closeable;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One {@code NETLINK_SOCK_DIAG} socket through JNA's libc binding: builds request headers, sends them, and walks the
 * kernel's answers message by message. {@link SockDiag} (the socket tables) and {@link LinuxTcpConnections}
 * ({@code tcp_info} and {@code SOCK_DESTROY}) parse the messages; the framing lives here once. Not thread-safe.
 */
final class NetlinkDiagSocket implements Closeable {

    /** Bytes of a netlink message header ({@code nlmsghdr}). */
    static final int HEADER = 16;
    /** Bytes of an {@code inet_diag_msg}, the fixed part of every socket the kernel describes. */
    static final int DIAG_MSG = 72;
    static final short NLM_F_REQUEST = 0x1;
    static final short NLM_F_ACK = 0x4;
    static final short NLM_F_DUMP = 0x300;

    private static final int AF_NETLINK = 16;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int NETLINK_SOCK_DIAG = 4;
    private static final int NLMSG_ERROR = 2;
    private static final int NLMSG_DONE = 3;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int EAGAIN = 11;

    /** Closes the descriptor of sockets dropped without {@link #close()} (the benchmark's cold scanners). */
    private static final Cleaner CLEANER = Cleaner.create();

    /** The libc calls netlink needs. */
    interface LibC extends Library {
        int socket(int domain, int type, int protocol);

        NativeLong send(int fd, byte[] buffer, NativeLong length, int flags);

        NativeLong recv(int fd, Pointer buffer, NativeLong length, int flags);

        int close(int fd);

        int bind(int fd, byte[] address, int length);
    }

    /** Called for each socket the kernel describes in a dump. */
    @FunctionalInterface
    interface MessageHandler {
        /**
         * @param msg where the {@code inet_diag_msg} starts in {@link #in()}
         * @param end where the message (with its attributes) ends in {@link #in()}
         */
        void message(int msg, int end);
    }

    private final LibC libc;
    private final int fd;
    private final int receiveBytes;
    /**
     * Native, not a Java array: JNA copies an array argument into native memory and back on every call, the whole
     * buffer both ways; over the dozens of receives of a 5,000-socket dump that was about 1 ms of an 8 ms scan.
     */
    private final Memory receive;
    private final ByteBuffer in;
    private final Cleaner.Cleanable cleanable;
    private int sequence;

    private NetlinkDiagSocket(LibC libc, int fd, int receiveBytes) {
        this.libc = libc;
        this.fd = fd;
        this.receiveBytes = receiveBytes;
        this.receive = new Memory(receiveBytes);
        this.in = receive.getByteBuffer(0, receiveBytes).order(ByteOrder.nativeOrder());
        this.cleanable = CLEANER.register(this, () -> libc.close(fd));
    }

    /**
     * Opens a netlink socket for socket diagnostics.
     *
     * @param receiveBytes the size of the receive buffer (a dump answers in as many receives as it needs)
     * @throws IOException when netlink or JNA is not available here
     */
    static NetlinkDiagSocket open(int receiveBytes) throws IOException {
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
        return new NetlinkDiagSocket(libc, fd, receiveBytes);
    }

    /**
     * Opens a netlink socket for socket diagnostics that receives the kernel's multicast messages of the given groups
     * ({@code SKNLGRP_*}, a bit per group: bit {@code g - 1} for group {@code g}); read them with {@link #drain()}.
     *
     * @throws IOException when netlink or JNA is not available, or the kernel refused the groups
     */
    static NetlinkDiagSocket subscribe(int groups, int receiveBytes) throws IOException {
        NetlinkDiagSocket socket = open(receiveBytes);
        // sockaddr_nl: family (u16), padding (u16), port id (u32, 0: the kernel picks), groups (u32).
        byte[] address = ByteBuffer.allocate(12).order(ByteOrder.nativeOrder())
                .putShort((short) AF_NETLINK).putShort((short) 0).putInt(0).putInt(groups).array();
        if (socket.libc.bind(socket.fd, address, address.length) != 0) {
            int errno = Native.getLastError();
            socket.close();
            throw new IOException("netlink sock_diag groups refused (errno " + errno + ")");
        }
        return socket;
    }

    /**
     * Reads, without waiting, every message queued on a {@link #subscribe subscribed} socket.
     *
     * @return how many were queued, or -1 when the kernel dropped some (the receive buffer overflowed) or the read
     *         failed: then how many is unknown
     */
    int drain() {
        int messages = 0;
        while (true) {
            long received = libc.recv(fd, receive, new NativeLong(receiveBytes), MSG_DONTWAIT).longValue();
            if (received < 0) {
                return Native.getLastError() == EAGAIN ? messages : -1;
            }
            messages++;
        }
    }

    /** The receive buffer, in native byte order; the offsets given to a {@link MessageHandler} point into it. */
    ByteBuffer in() {
        return in;
    }

    /** A request of {@code bodyLength} bytes after a header with the next sequence number, positioned at the body. */
    ByteBuffer header(short type, short flags, int bodyLength) {
        ByteBuffer request = ByteBuffer.allocate(HEADER + bodyLength).order(ByteOrder.nativeOrder());
        request.putInt(HEADER + bodyLength).putShort(type).putShort(flags).putInt(++sequence).putInt(0);
        return request;
    }

    /**
     * Sends a dump request and hands each socket message of the answer to {@code handler}, until the kernel says
     * done.
     *
     * @throws IOException when the kernel refused the request or the answer was malformed
     */
    void dump(byte[] request, MessageHandler handler) throws IOException {
        send(request);
        while (true) {
            long received = receive();
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
                    handler.message(at + HEADER, at + length);
                }
                at += (length + 3) & ~3;
            }
        }
    }

    /**
     * Sends a request that asks for an acknowledgement ({@link #NLM_F_ACK}) and returns the acknowledgement's error
     * field: 0 for success, {@code -errno} otherwise.
     */
    int acknowledgement(byte[] request) throws IOException {
        send(request);
        int expected = sequence;
        while (true) {
            long received = receive();
            int at = 0;
            while (at + HEADER <= received) {
                int length = in.getInt(at);
                int type = in.getShort(at + 4) & 0xFFFF;
                int seq = in.getInt(at + 8);
                if (length < HEADER || at + length > received) {
                    throw new IOException("malformed netlink message");
                }
                if (type == NLMSG_ERROR && seq == expected) {
                    return in.getInt(at + HEADER);
                }
                at += (length + 3) & ~3;
            }
        }
    }

    @Override
    public void close() {
        cleanable.clean();
    }

    private void send(byte[] bytes) throws IOException {
        if (libc.send(fd, bytes, new NativeLong(bytes.length), 0).longValue() != bytes.length) {
            throw new IOException("netlink request failed (errno " + Native.getLastError() + ")");
        }
    }

    private long receive() throws IOException {
        long received = libc.recv(fd, receive, new NativeLong(receiveBytes), 0).longValue();
        if (received <= 0) {
            throw new IOException("netlink answer ended early (errno " + Native.getLastError() + ")");
        }
        return received;
    }
}
