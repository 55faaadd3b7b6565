package dev.portwatch.os.linux;

import dev.portwatch.model.Addresses;
import dev.portwatch.model.Endpoint;
import dev.portwatch.model.IpVersion;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.SocketKey;
import dev.portwatch.model.SocketUser;
import dev.portwatch.model.UnknownOwner;
import dev.portwatch.os.ProcessReader;
import dev.portwatch.os.ScanException;
import dev.portwatch.os.SocketScanner;

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
 *   <li>Owner details come from the {@link ProcessReader}, in one batched call for the owners
 *       not cached; the cache is keyed by pid, start time, short name and parent pid, so pid reuse, {@code exec}
 *       and re-parenting are read afresh.</li>
 *   <li>A socket whose table line (addresses, state) and owner are unchanged keeps the same {@link Listener}
 *       instance, so nothing is re-parsed or re-formatted.</li>
 * </ul>
 *
 * <p>The result equals OSHI's scanner's ({@code os.oshi.OshiSocketScanner}), which reads the same files and walks
 * every process's descriptors each time. Like OSHI it sees the sockets of this process's network namespace. Text
 * tables are parsed by {@link ProcNetTables}, netlink records here. One scan at a time, as the interface says.
 */
public final class LinuxSocketScanner implements SocketScanner {

    private static final int MAX_CACHED_ADDRESSES = 4_096;

    private static final Logger LOG = Logger.getLogger(LinuxSocketScanner.class.getName());

    private final Path proc;
    private final ProcessReader reader;
    private final ProcNetTables procNet;
    /** The netlink reader; null when unavailable or after it failed once (then /proc/net is read). */
    private SockDiag diag;
    private final SocketOwners owners;
    private final UserNames users = new UserNames();
    private final boolean privileged;
    private final Map<Integer, CachedProcess> processes = new HashMap<>();
    private final Map<Long, CachedRow> rows = new HashMap<>();
    private final Map<String, String> addressText = new HashMap<>();
    private long scanNumber;
    /** Records in the last netlink dump. */
    private int dumpCount;
    /** A copy of the last netlink dump that differed from the one before, and its length in bytes. */
    private byte[] lastDump = new byte[0];
    private int lastDumpLength = -1;
    /** The last full scan's result; null before the first and after a switch to {@code /proc/net}. */
    private LastScan last;

    /**
     * @param proc the proc file system's root, normally {@code /proc}
     * @param processes reads owners' details
     */
    public LinuxSocketScanner(Path proc, ProcessReader processes) {
        this(proc, processes, true);
    }

    /**
     * @param proc       the proc file system's root, normally {@code /proc}
     * @param processes  reads owners' details
     * @param useNetlink read the socket tables over netlink when available (else, and on any netlink error, from
     *                   {@code /proc/net}); false forces {@code /proc/net}
     */
    public LinuxSocketScanner(Path proc, ProcessReader processes, boolean useNetlink) {
        this.proc = proc;
        this.reader = processes;
        this.procNet = new ProcNetTables(proc, addressText);
        this.owners = new SocketOwners(proc);
        this.privileged = reader.isPrivileged();
        this.diag = useNetlink ? openDiag(TcpActivity.ofThisHost(proc)) : null;
    }

    private static SockDiag openDiag(TcpActivity activity) {
        try {
            return SockDiag.open(activity::sinceLastDump);
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
        boolean sameDump = dumpUnchanged();
        Map<Integer, Optional<ProcStat>> stats = new HashMap<>();
        List<SocketLine> lines = sameDump ? null : readLines();
        // The common case: every socket is one the previous scan saw, unchanged; then only the owners are checked.
        boolean sameSockets = sameDump || sameSocketsAsLastScan(lines);
        Optional<Set<Long>> present = sameSockets ? Optional.empty() : Optional.of(inodesOf(lines));
        Map<Long, Integer> pidByInode = owners.resolve(present, stats);
        Map<Integer, Optional<ProcessInfo>> ownerByPid = ownersOf(owners.ownerPids(), stats);
        boolean sameTable = sameDump || sameSockets && sameClosingSockets(lines);
        if (sameTable && !owners.ownersChanged() && sameOwnersAsLastScan(ownerByPid)) {
            // Nothing changed: the same list, so consumers see it with one reference comparison.
            return snapshotOf(last.listeners(), unknownAgain(), start);
        }
        if (lines == null) {
            lines = readLines();
        }

        List<Listener> listeners = new ArrayList<>(lines.size());
        Map<SocketKey, UnknownOwner> unknown = new HashMap<>();
        Map<SocketKey, Long> unknownInodes = new HashMap<>();
        for (SocketLine line : lines) {
            Integer pid = line.inode() == 0 ? null : pidByInode.get(line.inode());
            Optional<ProcessInfo> owner = pid == null ? Optional.empty() : ownerByPid.get(pid);
            Listener listener = listenerOf(line, owner);
            listeners.add(listener);
            if (owner.isEmpty()) {
                unknown.put(listener.key(), whyUnknown(line.inode(), pid));
                unknownInodes.put(listener.key(), line.inode());
            }
        }
        if (present.isPresent()) {
            rows.values().removeIf(row -> row.seenInScan != scanNumber);
        }
        if (addressText.size() > MAX_CACHED_ADDRESSES) {
            addressText.clear();
        }
        last = new LastScan(List.copyOf(listeners), Map.copyOf(unknown), unknownInodes, ownerByPid);
        return snapshotOf(last.listeners(), last.unknown(), start);
    }

    private Snapshot snapshotOf(List<Listener> listeners, Map<SocketKey, UnknownOwner> unknown, long start) {
        return new Snapshot(Instant.now(), listeners, Duration.ofNanos(System.nanoTime() - start), privileged,
                unknown);
    }

    /**
     * Dumps the socket tables over netlink and says whether the dump is, byte for byte, the previous scan's: the
     * cheapest way to learn that no socket opened, closed or changed state. False on the {@code /proc/net} path,
     * which {@link #readLines()} reads itself.
     */
    private boolean dumpUnchanged() {
        if (diag == null) {
            return false;
        }
        try {
            dumpCount = diag.dump();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "netlink socket dump failed, reading /proc/net from now on", e);
            diag.close();
            diag = null;
            rows.clear();
            last = null;
            return false;
        }
        int length = dumpCount * SockDiag.RECORD;
        byte[] records = diag.records();
        if (last != null && length == lastDumpLength && Arrays.equals(records, 0, length, lastDump, 0, length)) {
            return true;
        }
        if (lastDump.length < length) {
            lastDump = new byte[records.length];
        }
        System.arraycopy(records, 0, lastDump, 0, length);
        lastDumpLength = length;
        return false;
    }

    /** True when every owner is the very object of the previous scan (its process's start time and name held). */
    private boolean sameOwnersAsLastScan(Map<Integer, Optional<ProcessInfo>> ownerByPid) {
        if (last == null || ownerByPid.size() != last.ownerByPid().size()) {
            return false;
        }
        for (Map.Entry<Integer, Optional<ProcessInfo>> entry : ownerByPid.entrySet()) {
            if (last.ownerByPid().get(entry.getKey()) != entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The unknown owners' reasons for the previous scan's sockets, asked again: a search may have learnt more. */
    private Map<SocketKey, UnknownOwner> unknownAgain() {
        if (last.unknownInodes().isEmpty()) {
            return last.unknown();
        }
        Map<SocketKey, UnknownOwner> unknown = new HashMap<>();
        last.unknownInodes().forEach((key, inode) -> unknown.put(key, whyUnknown(inode, null)));
        return unknown.equals(last.unknown()) ? last.unknown() : unknown;
    }

    /**
     * Why a socket has no owner. Inode 0 is the kernel's mark of a socket no file holds (TIME_WAIT and other
     * closing states). A normal user can't read other users' descriptor tables, so there it is another user's
     * process; as root, the owner search says whether a process vanished while it looked, refused it, or whether
     * no descriptor table holds the socket at all.
     */
    private UnknownOwner whyUnknown(long inode, Integer pid) {
        if (inode == 0) {
            return UnknownOwner.NO_PROCESS;
        }
        if (pid != null) {
            // Its owner was found but vanished before its details were read.
            return UnknownOwner.EXITED;
        }
        if (!privileged) {
            return UnknownOwner.OTHER_USER;
        }
        return owners.whyUnresolved(inode).orElse(UnknownOwner.NO_PROCESS);
    }

    /** How many processes' descriptor tables the last scan listed; 0 when every socket's owner was known. */
    public int lastDescriptorWalks() {
        return owners.lastWalks();
    }

    /** The sockets of the last netlink dump ({@link #dumpUnchanged()}), else of {@code /proc/net}. */
    private List<SocketLine> readLines() throws ScanException {
        if (diag != null) {
            byte[] records = diag.records();
            List<SocketLine> lines = new ArrayList<>(dumpCount);
            for (int i = 0; i < dumpCount; i++) {
                int at = i * SockDiag.RECORD;
                lines.add(new SocketLine(SocketTable.ofOrdinal(records[at]), records, at, at + SockDiag.KEY,
                        diag.inode(i), diag.uid(i), true));
            }
            return lines;
        }
        List<SocketLine> lines = new ArrayList<>();
        procNet.read(lines);
        return lines;
    }

    /** True when the lines hold exactly the sockets of the previous scan, with the same addresses and states. */
    private boolean sameSocketsAsLastScan(List<SocketLine> lines) {
        int withInode = 0;
        for (SocketLine line : lines) {
            if (line.inode() != 0) {
                withInode++;
                CachedRow cached = rows.get(line.inode());
                if (cached == null || !cached.sameText(line)) {
                    return false;
                }
            }
        }
        return withInode == rows.size();
    }

    /**
     * For the {@code /proc/net} path, where {@link #sameSocketsAsLastScan} looked only at sockets with an inode: true
     * when the table also has no socket without one (closing TCP sockets, whose text nobody remembers) now or then.
     */
    private boolean sameClosingSockets(List<SocketLine> lines) {
        return last != null && lines.size() == last.listeners().size()
                && lines.stream().allMatch(line -> line.inode() != 0);
    }

    private static Set<Long> inodesOf(List<SocketLine> lines) {
        Set<Long> inodes = new HashSet<>(lines.size() * 2);
        for (SocketLine line : lines) {
            if (line.inode() != 0) {
                inodes.add(line.inode());
            }
        }
        return inodes;
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

        boolean sameText(SocketLine line) {
            return Arrays.equals(text, 0, text.length, line.text(), line.from(), line.to());
        }
    }

    /**
     * What the last full scan built, reused while nothing changes.
     *
     * @param listeners     its sockets
     * @param unknown       why owners were unknown, by socket
     * @param unknownInodes the inodes of the sockets without owner, to ask {@link #whyUnknown} again
     * @param ownerByPid    the owners it was built with
     */
    private record LastScan(List<Listener> listeners, Map<SocketKey, UnknownOwner> unknown,
                            Map<SocketKey, Long> unknownInodes, Map<Integer, Optional<ProcessInfo>> ownerByPid) {
    }

    /** Owner details as read for one incarnation of a process. */
    private record CachedProcess(ProcStat stat, Optional<ProcessInfo> owner) {
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
            Map<Integer, ProcessInfo> read = reader.readProcesses(toRead.keySet());
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

    private Listener listenerOf(SocketLine line, Optional<ProcessInfo> owner) {
        CachedRow cached = line.inode() == 0 ? null : rows.get(line.inode());
        if (cached != null && cached.owner == owner && cached.sameText(line)) {
            cached.seenInScan = scanNumber;
            return cached.listener;
        }
        Optional<SocketUser> user = Optional.of(users.of(line.uid()));
        Listener listener = line.binary() ? parseRecord(line, owner, user) : procNet.parse(line, owner, user);
        if (line.inode() != 0) {
            var row = new CachedRow(Arrays.copyOfRange(line.text(), line.from(), line.to()), owner, listener);
            row.seenInScan = scanNumber;
            rows.put(line.inode(), row);
        }
        return listener;
    }

    /** Builds a socket from a netlink record, as OSHI's connection list would report it. */
    private Listener parseRecord(SocketLine line, Optional<ProcessInfo> owner, Optional<SocketUser> user) {
        byte[] record = line.text();
        int at = line.from();
        SocketTable table = line.table();
        int addressLength = table.addressBytes();
        int localPort = ((record[at + 2] & 0xFF) << 8) | (record[at + 3] & 0xFF);
        int remotePort = ((record[at + 4] & 0xFF) << 8) | (record[at + 5] & 0xFF);
        var local = new Endpoint(rawAddress(record, at + 6, addressLength), localPort);
        IpVersion version = IpVersion.ofAddress(local.address());
        Optional<Endpoint> remote = remotePort == 0 ? Optional.empty()
                : Optional.of(new Endpoint(rawAddress(record, at + 22, addressLength), remotePort));
        return new Listener(table.protocol(), version, local, remote, table.stateOf(record[at + 1] & 0xFF, remote),
                owner, user);
    }

    /** Text of an address given as raw bytes in network order, cached. */
    private String rawAddress(byte[] bytes, int from, int length) {
        String key = new String(bytes, from, length, StandardCharsets.ISO_8859_1);
        return addressText.computeIfAbsent(key, k -> Addresses.format(Arrays.copyOfRange(bytes, from, from + length)));
    }


}
