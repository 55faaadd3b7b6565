package dev.portwatch.os.linux;

import dev.portwatch.model.UnknownOwner;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * Which process holds each socket inode, remembered from scan to scan so that the expensive walk of
 * {@code /proc/<pid>/fd} runs only for sockets not seen before, and only as far as it must.
 *
 * <p>Per scan: inodes of closed sockets are forgotten; owners that died, whose pid was reused (another start time)
 * or whose number of open descriptors changed are checked again; then the inodes without a known owner are looked
 * for, first in processes not seen in the previous scan, then in processes already owning sockets, then in the
 * rest, stopping as soon as all are found and listing no process twice. Inodes no process turned out to hold
 * (another user's process while not root, another network namespace, a socket in flight) are only looked for again
 * in processes that appear later.
 *
 * <p>When several processes share one socket (inherited across {@code fork}), the owner is one of them: processes
 * are searched from the highest pid down, so a cold scan picks the highest pid, as OSHI's full walk does (its
 * last match wins). Not thread-safe: one scan at a time.
 */
final class SocketOwners {

    /** Without descriptor counts (kernels before 6.2) every owner is re-checked this often, in scans. */
    static final int REVALIDATE_EVERY = 30;

    private final Path proc;
    private final Map<Long, Integer> ownerByInode = new HashMap<>();
    private final Set<Long> unresolved = new HashSet<>();
    /** Why each unresolved inode has no owner, as far as the search that gave up on it could tell. */
    private final Map<Long, UnknownOwner> whyUnresolved = new HashMap<>();
    /** Unresolved inodes whose search was refused some descriptor table: one of those processes may hold them. */
    private final Set<Long> searchedPastRefusals = new HashSet<>();
    /** During one resolve: a listed process vanished before its descriptors were read / they were refused. */
    private boolean sawExit;
    private boolean sawDenied;
    private final Map<Integer, Long> startTicksByOwner = new HashMap<>();
    private final Map<Integer, Long> fdCountByOwner = new HashMap<>();
    private Set<Integer> knownPids = Set.of();
    private Set<Integer> ownerPids = Set.of();
    private long scans;
    private int lastWalks;
    private boolean lastChanged = true;

    /** @param proc the proc file system's root, {@code /proc} */
    SocketOwners(Path proc) {
        this.proc = proc;
    }

    /**
     * Resolves the owners of this scan's socket inodes.
     *
     * @param present every non-zero inode in the socket tables of this scan, or empty when the caller knows they are
     *                exactly those of the previous scan (then only the owners are checked)
     * @param stats   per-scan memo of {@code /proc/<pid>/stat} reads, shared with the caller
     * @return the owning pid by inode, for the inodes whose owner is known; a live view valid until the next call
     */
    Map<Long, Integer> resolve(Optional<Set<Long>> present, Map<Integer, Optional<ProcStat>> stats) {
        scans++;
        lastWalks = 0;
        sawExit = false;
        sawDenied = false;
        Set<Long> targets = new HashSet<>();
        present.ifPresent(inodes -> {
            ownerByInode.keySet().retainAll(inodes);
            unresolved.retainAll(inodes);
        });
        // A socket whose owner seemed to exit during the last search but is still here was not that process's (its
        // sockets closed with it): nobody holds it, or a process whose descriptors were refused does.
        whyUnresolved.keySet().retainAll(unresolved);
        searchedPastRefusals.retainAll(unresolved);
        whyUnresolved.replaceAll((inode, why) -> why != UnknownOwner.EXITED ? why
                : searchedPastRefusals.contains(inode) ? UnknownOwner.PROTECTED : UnknownOwner.NO_PROCESS);
        boolean changed = verifyOwners(present, stats, targets) || present.isPresent();
        int knownBefore = ownerByInode.size();
        present.ifPresent(inodes -> {
            for (Long inode : inodes) {
                if (!ownerByInode.containsKey(inode) && !unresolved.contains(inode)) {
                    targets.add(inode);
                }
            }
        });
        if (!targets.isEmpty() || !unresolved.isEmpty()) {
            // Listing /proc is cheap but not free: only when there is something to look for.
            Set<Integer> alive = listPids();
            List<Integer> newPids = new ArrayList<>();
            for (Integer pid : alive) {
                if (!knownPids.contains(pid)) {
                    newPids.add(pid);
                }
            }
            newPids.sort(Comparator.reverseOrder());
            if (!targets.isEmpty() || !newPids.isEmpty()) {
                search(targets, alive, newPids, stats);
                changed = true;
            }
            knownPids = alive;
        }
        whyUnresolved.keySet().retainAll(unresolved);
        // A search of new processes that found nothing (a busy machine starts processes all the time) changed nothing.
        lastChanged = changed || ownerByInode.size() != knownBefore;
        if (changed) {
            ownerPids = new HashSet<>(ownerByInode.values());
            startTicksByOwner.keySet().retainAll(ownerPids);
            fdCountByOwner.keySet().retainAll(ownerPids);
        }
        return ownerByInode;
    }

    /**
     * Why an inode has no owner after the last {@link #resolve}, as the search saw it: {@link UnknownOwner#EXITED}
     * when a process vanished while it was searched, {@link UnknownOwner#PROTECTED} when a process's descriptors
     * were refused (the caller knows whether that means another user's), else {@link UnknownOwner#NO_PROCESS}: every
     * descriptor table was read and none holds it.
     */
    Optional<UnknownOwner> whyUnresolved(long inode) {
        return Optional.ofNullable(whyUnresolved.get(inode));
    }

    /**
     * False when the last {@link #resolve} was told the inodes were unchanged and found every owner as before: then
     * its map holds the same inode-to-pid pairs as after the resolve before it.
     */
    boolean ownersChanged() {
        return lastChanged;
    }

    /** The pids owning at least one socket after the last {@link #resolve}. */
    Set<Integer> ownerPids() {
        return ownerPids;
    }

    /** How many processes' descriptor tables the last {@link #resolve} listed; for tests and the benchmark. */
    int lastWalks() {
        return lastWalks;
    }

    /**
     * Drops owners that died or were replaced, and re-lists the descriptors of owners whose count changed.
     *
     * @param targets receives the inodes that lost their owner and must be looked for again
     * @return true when an owner changed
     */
    private boolean verifyOwners(Optional<Set<Long>> present, Map<Integer, Optional<ProcStat>> stats,
                                 Set<Long> targets) {
        Set<Integer> stale = new HashSet<>();
        List<Integer> recheck = new ArrayList<>();
        for (Integer owner : ownerPids) {
            Optional<ProcStat> stat = stats.computeIfAbsent(owner, p -> ProcStat.read(proc, p));
            // A zombie keeps its pid and start time but holds no descriptors: its sockets belong to someone else now
            // (a parent that forked it with the socket), or to nobody.
            if (stat.isEmpty() || (stat.get().exited() && !SharedSockets.threadsLeft(proc, owner))
                    || stat.get().startTicks() != startTicksByOwner.getOrDefault(owner, -1L)) {
                stale.add(owner);
                continue;
            }
            long count = fdCount(owner);
            boolean countsUnsupported = count == 0;
            if (countsUnsupported ? scans % REVALIDATE_EVERY == 0 : count != fdCountByOwner.getOrDefault(owner, -1L)) {
                recheck.add(owner);
            }
        }
        if (stale.isEmpty() && recheck.isEmpty()) {
            return false;
        }
        ownerByInode.entrySet().removeIf(e -> {
            boolean gone = stale.contains(e.getValue());
            if (gone) {
                targets.add(e.getKey());
            }
            return gone;
        });
        for (int owner : recheck) {
            long count = fdCount(owner);
            Set<Long> held = new HashSet<>();
            walk(owner, inode -> {
                held.add(inode);
                return false;
            });
            ownerByInode.entrySet().removeIf(e -> {
                boolean closed = e.getValue() == owner && !held.contains(e.getKey());
                if (closed) {
                    targets.add(e.getKey());
                }
                return closed;
            });
            for (Long inode : held) {
                // A socket this owner opened since the last scan: resolved without a wider walk.
                if (present.map(p -> p.contains(inode)).orElse(false) && !ownerByInode.containsKey(inode)) {
                    ownerByInode.put(inode, owner);
                    unresolved.remove(inode);
                }
            }
            fdCountByOwner.put(owner, count);
        }
        return true;
    }

    private void search(Set<Long> targets, Set<Integer> alive, List<Integer> newPids,
                        Map<Integer, Optional<ProcStat>> stats) {
        // Inodes nobody held before can only have appeared in a process not seen before.
        Set<Long> retry = newPids.isEmpty() ? Set.of() : new HashSet<>(unresolved);
        // A pid claimed here is listed to its end (a walk stops early only once nothing is left to find), so the
        // second pass below skips it: on a cold scan every pid is new and, while one socket has no visible owner
        // (pid 1's in a container, say), the second pass used to list every owner, thousands of descriptors, again.
        Set<Integer> listed = new HashSet<>();
        for (int pid : newPids) {
            if (targets.isEmpty() && retry.isEmpty()) {
                break;
            }
            claim(pid, targets, retry, stats);
            listed.add(pid);
        }
        List<Integer> rest = new ArrayList<>();
        Set<Integer> owners = new HashSet<>(ownerByInode.values());
        for (Integer pid : alive) {
            if (knownPids.contains(pid) && !owners.contains(pid)) {
                rest.add(pid);
            }
        }
        rest.sort(Comparator.reverseOrder());
        List<Integer> order = new ArrayList<>(owners);
        order.removeAll(listed);
        order.sort(Comparator.reverseOrder());
        order.addAll(rest);
        for (int pid : order) {
            if (targets.isEmpty()) {
                break;
            }
            claim(pid, targets, new HashSet<>(), stats);
        }
        unresolved.addAll(targets);
        UnknownOwner why = sawExit ? UnknownOwner.EXITED : sawDenied ? UnknownOwner.PROTECTED : UnknownOwner.NO_PROCESS;
        for (Long inode : targets) {
            whyUnresolved.put(inode, why);
            if (sawDenied) {
                searchedPastRefusals.add(inode);
            }
        }
    }

    /** Lists one process's descriptors and takes the targets it holds. */
    private void claim(int pid, Set<Long> targets, Set<Long> retry, Map<Integer, Optional<ProcStat>> stats) {
        boolean[] found = {false};
        walk(pid, inode -> {
            if (targets.remove(inode) || retry.remove(inode)) {
                unresolved.remove(inode);
                ownerByInode.put(inode, pid);
                found[0] = true;
            }
            return targets.isEmpty() && retry.isEmpty();
        });
        if (found[0]) {
            // Counted after the walk, and only for owners: a descriptor opened meanwhile that is a socket shows up
            // as a socket without owner next scan and is looked for then.
            long count = fdCount(pid);
            Optional<ProcStat> stat = stats.computeIfAbsent(pid, p -> ProcStat.read(proc, p));
            if (stat.isPresent()) {
                startTicksByOwner.put(pid, stat.get().startTicks());
                fdCountByOwner.put(pid, count);
            } else {
                // Gone while we looked: its sockets will be looked for again next scan.
                ownerByInode.values().removeIf(owner -> owner == pid);
            }
        }
    }

    /**
     * Calls {@code onSocket} with the inode of each socket descriptor of a process, until it returns true.
     * Processes we may not inspect (another user's, without rights) have no visible descriptors.
     */
    private void walk(int pid, LongPredicate onSocket) {
        lastWalks++;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve(Integer.toString(pid)).resolve("fd"))) {
            for (Path fd : fds) {
                long inode = socketInode(fd);
                if (inode > 0 && onSocket.test(inode)) {
                    return;
                }
            }
        } catch (NoSuchFileException e) {
            // The process exited while we looked: the socket we look for may have been its.
            sawExit = true;
        } catch (AccessDeniedException e) {
            // Another user's process (not root), or one a security module protects.
            sawDenied = true;
        } catch (IOException | RuntimeException e) {
            // The process exited or hides its descriptors; a racing exit is caught by the next scan.
        }
    }

    private long socketInode(Path fd) {
        String target;
        try {
            target = Files.readSymbolicLink(fd).toString();
        } catch (AccessDeniedException e) {
            // The table lists but its entries are refused, even to root: a process the OS protects (ptrace rules
            // of a security module, a sandbox's init).
            sawDenied = true;
            return -1;
        } catch (IOException e) {
            return -1;
        }
        if (!target.startsWith("socket:[") || !target.endsWith("]")) {
            return -1;
        }
        try {
            return Long.parseLong(target, "socket:[".length(), target.length() - 1, 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The number of open descriptors (Linux 6.2+ reports it as the size of the fd directory), or 0 if unknown. */
    private long fdCount(int pid) {
        try {
            return Files.readAttributes(proc.resolve(Integer.toString(pid)).resolve("fd"), BasicFileAttributes.class)
                    .size();
        } catch (IOException e) {
            return 0;
        }
    }

    private Set<Integer> listPids() {
        Set<Integer> pids = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
                    try {
                        pids.add(Integer.parseInt(name));
                    } catch (NumberFormatException e) {
                        // not a process directory
                    }
                }
            }
        } catch (IOException e) {
            // An unreadable /proc leaves every socket unresolved; the scanner reports owners as unknown.
        }
        return pids;
    }
}
