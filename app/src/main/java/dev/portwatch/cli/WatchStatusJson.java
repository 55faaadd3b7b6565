package dev.portwatch.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.portwatch.core.format.SocketJson;
import dev.portwatch.core.service.ServiceIdentifier;
import dev.portwatch.model.WatchStatus;

import java.util.List;
import java.util.Map;

/**
 * The JSON shape of one watched entry in {@code status --json}: {@code port} for a single port, {@code from} and
 * {@code to} for a range (the others absent), and holders shaped as in {@code list --json}.
 *
 * @param port          the single watched port, or null for a range
 * @param from          the first port of a range, or null
 * @param to            the last port of a range, or null
 * @param protocols     {@code "tcp"}, {@code "udp"} or both
 * @param label         the entry's label, or null
 * @param expectedOwner the expected owner, or null
 * @param state         {@code "FREE"}, {@code "IN_USE"} or {@code "CONFLICT"}
 * @param exposed       true when a holder is reachable from the network
 * @param reasons       why, in words
 * @param holders       the listening sockets on the entry
 */
@JsonPropertyOrder({"port", "from", "to", "protocols", "label", "expectedOwner", "state", "exposed", "reasons",
    "holders"})
public record WatchStatusJson(@JsonInclude(JsonInclude.Include.NON_NULL) Integer port,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Integer from,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Integer to,
                              List<String> protocols, String label, String expectedOwner, String state,
                              boolean exposed, List<String> reasons, List<Map<String, Object>> holders) {

    /** Converts a status into its JSON shape. */
    public static WatchStatusJson of(WatchStatus status) {
        var ports = status.rule().ports();
        boolean single = ports.isSinglePort();
        return new WatchStatusJson(single ? ports.from() : null, single ? null : ports.from(),
                single ? null : ports.to(),
                status.rule().protocols().stream().sorted().map(p -> p.label()).toList(),
                status.rule().label().isEmpty() ? null : status.rule().label(),
                status.rule().expectedOwner().isEmpty() ? null : status.rule().expectedOwner(),
                status.state().name(), status.exposed(), status.reasons(),
                SocketJson.of(status.holders(), ServiceIdentifier.standard()));
    }
}
