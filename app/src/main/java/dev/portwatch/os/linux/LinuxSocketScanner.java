package dev.portwatch.os.linux;

import dev.portwatch.model.Addresses;
import dev.portwatch.model.Endpoint;
import dev.portwatch.model.IpVersion;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessDetails;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.SocketState;
import dev.portwatch.os.ScanException;
import dev.portwatch.os.SocketScanner;
import dev.portwatch.os.oshi.OshiSocketScanner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Incremental {@link SocketScanner} for Linux: reads the socket tables itself every scan (over netlink, as
 * {@code ss} does, or from {@code /proc/net/{tcp,tcp6,udp,udp6}} where netlink is not available) and remembers what
 * it learnt, so a scan in which nothing changed costs little more than reading the tables.
 *
 * <ul>
 *   <li>Socket inode to owning pid: {@link SocketOwners} walks {@code /proc/<pid>/fd} only for inodes not seen
 *       before, looking first in processes not seen before.</li>
 *   <li>Owner details come from OSHI ({@link OshiSocketScanner#readProcesses}), in one batched call for the owners
 *       not cached; the cache is keyed by pid, start time, short name and parent pid, so pid reuse, {@code exec}
 *       and re-parenting are read afresh.</li>
 *   <li>A socket whose table line (addresses, state) and owner are unchanged keeps the same {@link Listener}
 *       instance, so nothing is re-parsed or re-formatted.</li>
 * </ul>
 *
 * <p>The result equals {@link OshiSocketScanner#scan()}'s, which reads the same files and walks every process's
 * descriptors each time. Like OSHI it sees the sockets of this process's network namespace. Process details,
 * liveness and children are delegated to OSHI. One scan at a time, as the interface says.
 */
public final class LinuxSocketScanner implements SocketScanner {

    private static final String[] TABLES = {"tcp", "tcp6", "udp", "udp6"};
    /** The kernel's TCP states by number ({@code include/net/tcp_states.h}); 12, NEW_SYN_RECV, is a SYN_RECV. */
    private static final SocketState[] TCP_STATES = {SocketState.OTHER, SocketState.ESTABLISHED,
        SocketState.SYN_SENT, SocketState.SYN_RECV, SocketState.FIN_WAIT_1, SocketState.FIN_WAIT_2,
        SocketState.TIME_WAIT, SocketState.CLOSE, SocketState.CLOSE_WAIT, SocketState.LAST_ACK, SocketState.LISTEN,
        SocketState.CLOSING, SocketState.SYN_RECV};
    private static final int MAX_CACHED_ADDRESSES = 4_096;

    private static final Logger LOG = Logger.getLogger(LinuxSocketScanner.class.getName());

    private final Path proc;
    private final OshiSocketScanner oshi;
    /** The netlink reader; null when unavailable or after it failed once (then /proc/net is read). */
    private SockDiag diag;
    private final SocketOwners owners;
    private final boolean privileged;
    private final Map<Integer, CachedProcess> processes = new HashMap<>();
    private final Map<Long, CachedRow> rows = new HashMap<>();
    private final Map<String, String> addressText = new HashMap<>();
    /** One reusable read buffer per table, grown as needed (about 150 bytes per socket). */
    private final byte[][] buffers = {new byte[64 * 1024], new byte[64 * 1024], new byte[16 * 1024],
        new byte[16 * 1024]};
    private long scanNumber;

    /**
     * @param proc the proc file system's root, normally {@code /proc}
     * @param oshi reads owners' details, process details and children
     */
    public LinuxSocketScanner(Path proc, OshiSocketScanner oshi) {
        this(proc, oshi, true);
    }

    /**
     * @param proc       the proc file system's root, normally {@code /proc}
     * @param oshi       reads owners' details, process details and children
     * @param useNetlink read the socket tables over netlink when available (else, and on any netlink error, from
     *                   {@code /proc/net}); false forces {@code /proc/net}
     */
    public LinuxSocketScanner(Path proc, OshiSocketScanner oshi, boolean useNetlink) {
        this.proc = proc;
        this.oshi = oshi;
        this.owners = new SocketOwners(proc);
        this.privileged = oshi.isPrivileged();
        this.diag = useNetlink ? openDiag() : null;
    }

    private static SockDiag openDiag() {
        try {
            return SockDiag.open();
        } catch (IOException e) {
            LOG.log(Level.INFO, "reading sockets from /proc/net: " + e.getMessage());
            return null;
        }
    }

    /** Where the last scan read the socket tables: {@code "netlink"} or {@code "/proc/net"}. */
    public String tableSource() {
        return diag != null ? "netlink" : "/proc/net";
    }

    /** True when {@code proc} looks like a Linux proc file system with readable socket tables. */
    public static boolean isSupported(Path proc) {
        return Files.isReadable(proc.resolve("net").resolve("tcp")) && Files.isDirectory(proc.resolve("self"));
    }

    @Override
    public Snapshot scan() throws ScanException {
        long start = System.nanoTime();
        scanNumber++;
        List<Line> lines = readLines();
        Map<Integer, Optional<ProcStat>> stats = new HashMap<>();
        // The common case: every socket is one the previous scan saw, unchanged; then only the owners are checked.
        Optional<Set<Long>> present = sameSocketsAsLastScan(lines) ? Optional.empty() : Optional.of(inodesOf(lines));
        Map<Long, Integer> pidByInode = owners.resolve(present, stats);
        Map<Integer, Optional<ProcessInfo>> ownerByPid = ownersOf(owners.ownerPids(), stats);

        List<Listener> listeners = new ArrayList<>(lines.size());
        for (Line line : lines) {
            Integer pid = line.inode == 0 ? null : pidByInode.get(line.inode);
            Optional<ProcessInfo> owner = pid == null ? Optional.empty() : ownerByPid.get(pid);
            listeners.add(listenerOf(line, owner));
        }
        if (present.isPresent()) {
            rows.values().removeIf(row -> row.seenInScan != scanNumber);
        }
        if (addressText.size() > MAX_CACHED_ADDRESSES) {
            addressText.clear();
        }
        return new Snapshot(Instant.now(), listeners, Duration.ofNanos(System.nanoTime() - start), privileged);
    }

    @Override
    public Optional<ProcessDetails> process(int pid) {
        return oshi.process(pid);
    }

    @Override
    public boolean isRunning(int pid) {
        return oshi.isRunning(pid);
    }

    @Override
    public List<ProcessInfo> children(int pid) {
        return oshi.children(pid);
    }

    /** How many processes' descriptor tables the last scan listed; 0 when every socket's owner was known. */
    public int lastDescriptorWalks() {
        return owners.lastWalks();
    }

    private List<Line> readLines() throws ScanException {
        if (diag != null) {
            try {
                int count = diag.dump();
                byte[] records = diag.records();
                List<Line> lines = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    int at = i * SockDiag.RECORD;
                    lines.add(new Line(records[at], records, at, at + SockDiag.KEY, diag.inode(i), true));
                }
                return lines;
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "netlink socket dump failed, reading /proc/net from now on", e);
                diag.close();
                diag = null;
                rows.clear();
            }
        }
        List<Line> lines = new ArrayList<>();
        for (int table = 0; table < TABLES.length; table++) {
            readTable(table, lines);
        }
        return lines;
    }

    /** True when the lines hold exactly the sockets of the previous scan, with the same addresses and states. */
    private boolean sameSocketsAsLastScan(List<Line> lines) {
        int withInode = 0;
        for (Line line : lines) {
            if (line.inode != 0) {
                withInode++;
                CachedRow cached = rows.get(line.inode);
                if (cached == null || !cached.sameText(line)) {
                    return false;
                }
            }
        }
        return withInode == rows.size();
    }

    private static Set<Long> inodesOf(List<Line> lines) {
        Set<Long> inodes = new HashSet<>(lines.size() * 2);
        for (Line line : lines) {
            if (line.inode != 0) {
                inodes.add(line.inode);
            }
        }
        return inodes;
    }

    /**
     * One socket of a table: where its addresses and state are (a text line of {@code /proc/net}, or a netlink
     * record when {@code binary}), and its inode.
     */
    private record Line(int table, byte[] text, int from, int to, long inode, boolean binary) {
    }

    /** A socket as built in an earlier scan: the bytes it was built from and the owner it was built with. */
    private static final class CachedRow {
        final byte[] text;
        final Optional<ProcessInfo> owner;
        final Listener listener;
        long seenInScan;

        CachedRow(byte[] text, Optional<ProcessInfo> owner, Listener listener) {
            this.text = text;
            this.owner = owner;
            this.listener = listener;
        }

        boolean sameText(Line line) {
            return Arrays.equals(text, 0, text.length, line.text, line.from, line.to);
        }
    }

    /** Owner details as read for one incarnation of a process. */
    private record CachedProcess(ProcStat stat, Optional<ProcessInfo> owner) {
    }

    private void readTable(int table, List<Line> lines) throws ScanException {
        Path file = proc.resolve("net").resolve(TABLES[table]);
        int length;
        try {
            length = readFully(table, file);
        } catch (IOException e) {
            if (table > 1 && !Files.exists(file)) {
                return;
            }
            throw new ScanException("Could not read the socket table " + file + ": " + e.getMessage(), e);
        }
        byte[] text = buffers[table];
        int[] starts = new int[10];
        int[] ends = new int[10];
        int pos = nextLine(text, 0, length);
        while (pos < length) {
            int end = nextLine(text, pos, length) - 1;
            int fields = fields(text, pos, end, starts, ends);
            if (fields == 10) {
                lines.add(new Line(table, text, starts[1], ends[3], parseDecimal(text, starts[9], ends[9]), false));
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
    private int readFully(int table, Path file) throws IOException {
        byte[] buffer = buffers[table];
        int length = 0;
        try (var in = Files.newInputStream(file)) {
            while (true) {
                if (length == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                    buffers[table] = buffer;
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

    private Map<Integer, Optional<ProcessInfo>> ownersOf(Set<Integer> pids, Map<Integer, Optional<ProcStat>> stats) {
        Map<Integer, Optional<ProcessInfo>> result = new HashMap<>();
        Map<Integer, ProcStat> toRead = new HashMap<>();
        for (Integer pid : pids) {
            Optional<ProcStat> stat = stats.computeIfAbsent(pid, p -> ProcStat.read(proc, p));
            CachedProcess cached = processes.get(pid);
            if (stat.isPresent() && cached != null && cached.stat().equals(stat.get())) {
                result.put(pid, cached.owner());
            } else if (stat.isPresent()) {
                toRead.put(pid, stat.get());
            } else {
                result.put(pid, Optional.of(ProcessInfo.pidOnly(pid)));
            }
        }
        if (!toRead.isEmpty()) {
            Map<Integer, ProcessInfo> read = oshi.readProcesses(toRead.keySet());
            for (Map.Entry<Integer, ProcStat> entry : toRead.entrySet()) {
                int pid = entry.getKey();
                Optional<ProcessInfo> owner = Optional.of(read.getOrDefault(pid, ProcessInfo.pidOnly(pid)));
                result.put(pid, owner);
                if (read.containsKey(pid)) {
                    processes.put(pid, new CachedProcess(entry.getValue(), owner));
                }
            }
        }
        processes.keySet().retainAll(pids);
        return result;
    }

    private Listener listenerOf(Line line, Optional<ProcessInfo> owner) {
        CachedRow cached = line.inode == 0 ? null : rows.get(line.inode);
        if (cached != null && cached.owner == owner && cached.sameText(line)) {
            cached.seenInScan = scanNumber;
            return cached.listener;
        }
        Listener listener = parse(line, owner);
        if (line.inode != 0) {
            var row = new CachedRow(Arrays.copyOfRange(line.text, line.from, line.to), owner, listener);
            row.seenInScan = scanNumber;
            rows.put(line.inode, row);
        }
        return listener;
    }

    /** Builds a socket from a netlink record, as OSHI's connection list would report it. */
    private Listener parseRecord(Line line, Optional<ProcessInfo> owner) {
        byte[] record = line.text;
        int at = line.from;
        Protocol protocol = line.table < 2 ? Protocol.TCP : Protocol.UDP;
        int addressLength = line.table % 2 == 0 ? 4 : 16;
        int localPort = ((record[at + 2] & 0xFF) << 8) | (record[at + 3] & 0xFF);
        int remotePort = ((record[at + 4] & 0xFF) << 8) | (record[at + 5] & 0xFF);
        var local = new Endpoint(rawAddress(record, at + 6, addressLength), localPort);
        IpVersion version = IpVersion.ofAddress(local.address());
        Optional<Endpoint> remote = remotePort == 0 ? Optional.empty()
                : Optional.of(new Endpoint(rawAddress(record, at + 22, addressLength), remotePort));
        return new Listener(protocol, version, local, remote, stateOf(protocol, record[at + 1] & 0xFF, remote), owner);
    }

    /** Text of an address given as raw bytes in network order, cached. */
    private String rawAddress(byte[] bytes, int from, int length) {
        String key = new String(bytes, from, length, StandardCharsets.ISO_8859_1);
        return addressText.computeIfAbsent(key, k -> Addresses.format(Arrays.copyOfRange(bytes, from, from + length)));
    }

    private static SocketState stateOf(Protocol protocol, int tcpState, Optional<Endpoint> remote) {
        if (protocol == Protocol.UDP) {
            return remote.isPresent() ? SocketState.ESTABLISHED : SocketState.BOUND;
        }
        return tcpState >= 0 && tcpState < TCP_STATES.length ? TCP_STATES[tcpState] : SocketState.OTHER;
    }

    /** Builds a socket from {@code local remote state}, as OSHI's connection list would report it. */
    private Listener parse(Line line, Optional<ProcessInfo> owner) {
        if (line.binary) {
            return parseRecord(line, owner);
        }
        byte[] text = line.text;
        Protocol protocol = line.table < 2 ? Protocol.TCP : Protocol.UDP;
        int localColon = indexOf(text, ':', line.from, line.to);
        int localEnd = indexOf(text, ' ', localColon, line.to);
        var local = new Endpoint(address(text, line.from, localColon), parseHex(text, localColon + 1, localEnd));
        IpVersion version = IpVersion.ofAddress(local.address());
        int remoteStart = skipSpaces(text, localEnd, line.to);
        int remoteColon = indexOf(text, ':', remoteStart, line.to);
        int remoteEnd = indexOf(text, ' ', remoteColon, line.to);
        int remotePort = parseHex(text, remoteColon + 1, remoteEnd);
        Optional<Endpoint> remote = remotePort == 0 ? Optional.empty()
                : Optional.of(new Endpoint(address(text, remoteStart, remoteColon), remotePort));
        int tcpState = parseHex(text, skipSpaces(text, remoteEnd, line.to), line.to);
        return new Listener(protocol, version, local, remote, stateOf(protocol, tcpState, remote), owner);
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
