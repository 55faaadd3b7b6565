package dev.portwatch.core.helper;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The helper's answer to one request, one JSON line. Fields that do not apply to the request are absent.
 *
 * @param ok      whether the request was carried out
 * @param message one sentence for the user: what happened, or why nothing did
 * @param version the helper's protocol version ({@code hello})
 * @param uid     the uid the helper runs as ({@code hello}; 0 when elevated)
 * @param owners  the owners of every socket whose owner is known ({@code resolve-owners})
 * @param newPid  the moved holder's new pid ({@code move-holder})
 * @param closed  how many connections were closed ({@code close-connections})
 * @param exited  whether the process ended ({@code stop-process}); false when it still runs after the wait, so the
 *                caller may offer to force it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HelperReply(boolean ok, String message, Integer version, Integer uid, List<Owner> owners,
                          Long newPid, Integer closed, Boolean exited) {

    /**
     * One socket's owner.
     *
     * @param protocol   {@code tcp} or {@code udp}
     * @param address    local address, canonical text
     * @param port       local port
     * @param remote     the peer as {@code ADDR:PORT}, or null for listeners
     * @param pid        the owning process
     * @param name       its short name
     * @param user       its user
     * @param command    its command line
     * @param arguments  its argument vector
     * @param started    its start time in milliseconds since the epoch, or null when unknown
     * @param parentPid  its parent's pid, 0 when unknown
     */
    public record Owner(String protocol, String address, int port, String remote, int pid, String name, String user,
                        String command, List<String> arguments, Long started, int parentPid) {
    }

    /** A refusal or failure. */
    public static HelperReply refused(String message) {
        return new HelperReply(false, message, null, null, null, null, null, null);
    }

    /** A plain success. */
    public static HelperReply done(String message) {
        return new HelperReply(true, message, null, null, null, null, null, null);
    }
}
