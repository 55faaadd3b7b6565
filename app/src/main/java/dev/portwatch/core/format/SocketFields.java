package dev.portwatch.core.format;

import dev.portwatch.core.OwnerVisibility;
import dev.portwatch.core.exposure.Exposure;
import dev.portwatch.core.format.SocketField.Reader;
import dev.portwatch.core.format.SocketField.Sort;
import dev.portwatch.core.service.ServiceMatch;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.SocketUser;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The fields of a socket, in the order every output shows them. The window's table, {@code portwatch list}, its
 * {@code --json} and {@code --csv}, and the window's exports all walk this list, so adding a column is one entry
 * here (and a line in the README).
 */
public final class SocketFields {

    /** Unknown because the OS would not tell (another user's process while not root). */
    private static final String NOT_TOLD = "?";
    /** Unknown because there is nothing: no service recognised, no command line. */
    private static final String NONE = "";

    private static final DateTimeFormatter STARTED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    /** Every field, in display order. */
    public static final List<SocketField> ALL = List.of(
            number("port", "Port", "port", (l, s) -> Optional.of(l.port())),
            new SocketField("proto", "Proto", "protocol", Sort.TEXT, (l, s) -> Optional.of(l.protocol().label()),
                    (l, s) -> Optional.of(l.protocol().label() + l.ipVersion().label()), NOT_TOLD),
            machineOnly("ipVersion", (l, s) -> Optional.of(Integer.parseInt(l.ipVersion().label()))),
            text("address", "Address", "address", (l, s) -> Optional.of(l.address()), NOT_TOLD),
            // Exposure: the window shows a marker only for what other machines can reach, so loopback is blank.
            new SocketField("exposure", "Exposure", "exposure", Sort.TEXT,
                    (l, s) -> Optional.of(Exposure.of(l, s.identify(l)).label()),
                    (l, s) -> Optional.of(Exposure.of(l, s.identify(l))).filter(Exposure::isExposed)
                            .map(e -> e == Exposure.CRITICAL ? "CRITICAL" : "exposed"), NONE),
            machineOnly("exposed", (l, s) -> Optional.of(Exposure.of(l, s.identify(l)).isExposed())),
            new SocketField("state", "State", "state", Sort.TEXT, (l, s) -> Optional.of(l.state().name()),
                    (l, s) -> Optional.of(l.state().label()), NONE),
            text("remote", "Remote", "remote", (l, s) -> l.remote().map(Object::toString), NONE),
            number("pid", "PID", "pid", (l, s) -> l.owner().map(ProcessInfo::pid)),
            text("process", "Process", "process", (l, s) -> owner(l).map(ProcessInfo::name).filter(nonBlank()),
                    NOT_TOLD),
            text("service", "Service", "service", (l, s) -> s.identify(l).map(ServiceMatch::label), NONE),
            // The owner's user, else the socket's user as the kernel recorded it: known even when the owner is hidden.
            text("user", "User", "user", (l, s) -> l.userName(), NOT_TOLD),
            machineOnly("uid", (l, s) -> l.socketUser().<Object>map(SocketUser::uid)),
            new SocketField("started", "Started", "started", Sort.TEXT,
                    (l, s) -> owner(l).flatMap(ProcessInfo::startTime).map(Instant::toString),
                    (l, s) -> owner(l).flatMap(ProcessInfo::startTime).map(SocketFields::formatStarted), NOT_TOLD),
            // Where the owner is hidden, the command column says so in place ("hidden: owned by root");
            // JSON keeps null.
            new SocketField("command", "Command", "command", Sort.TEXT,
                    (Reader<String>) (l, s) -> owner(l).map(ProcessInfo::commandLine).filter(nonBlank()),
                    (l, s) -> owner(l).map(ProcessInfo::commandLine).filter(nonBlank())
                            .or(() -> OwnerVisibility.inPlace(l)), NONE),
            // "helper" when the privileged helper revealed the owner (Show all owners, --elevate); null when hidden.
            machineOnly("ownerSource",
                    (l, s) -> owner(l).<Object>map(o -> l.ownerSource().name().toLowerCase(Locale.ROOT))));

    private SocketFields() {
    }

    /** The ids of the columns that describe a connection: shown only while connections are. */
    public static final Set<String> CONNECTION_COLUMNS = Set.of("state", "remote");

    /** The fields the window's table and {@code list} show as columns, in order. */
    public static List<SocketField> tableColumns() {
        return ALL.stream().filter(SocketField::shownInTables).toList();
    }

    /** The columns {@code list} prints: without State and Remote unless connections are listed. */
    public static List<SocketField> tableColumns(boolean connections) {
        return tableColumns().stream().filter(f -> connections || !CONNECTION_COLUMNS.contains(f.id())).toList();
    }

    /** Finds a field by its {@link SocketField#id()}. */
    public static Optional<SocketField> byId(String id) {
        return ALL.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /** Formats a start time as every table does, in this machine's time zone ({@code 2026-11-22 03:00:00}). */
    public static String formatStarted(Instant instant) {
        return STARTED.format(instant);
    }

    private static Optional<ProcessInfo> owner(Listener socket) {
        return socket.owner();
    }

    private static Predicate<String> nonBlank() {
        return text -> !text.isBlank();
    }

    private static SocketField number(String id, String header, String json, Reader<Integer> value) {
        return new SocketField(id, header, json, Sort.NUMBER, value,
                (l, s) -> value.read(l, s).map(String::valueOf), NOT_TOLD);
    }

    private static SocketField text(String id, String header, String json, Reader<String> value, String unknown) {
        return new SocketField(id, header, json, Sort.TEXT, value, value, unknown);
    }

    private static SocketField machineOnly(String json, Reader<?> value) {
        return new SocketField(json, "", json, Sort.TEXT, value, (l, s) -> value.read(l, s).map(String::valueOf),
                NONE);
    }
}
