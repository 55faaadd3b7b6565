package dev.portwatch.core.format;

import dev.portwatch.core.service.ServiceIdentifier;
import dev.portwatch.model.Listener;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape of sockets, shared by every output that writes sockets as JSON ({@code list --json},
 * {@code status --json}'s holders, the window's export): one object per socket with the properties of
 * {@link SocketFields#ALL}, in that order. Unknown values are JSON {@code null}, never empty strings, so scripts can
 * test for them.
 */
public final class SocketJson {

    private SocketJson() {
    }

    /** One socket as an ordered map of JSON property to value (null when unknown), ready for {@link Json}. */
    public static Map<String, Object> of(Listener socket, ServiceIdentifier services) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (SocketField field : SocketFields.ALL) {
            object.put(field.jsonName(), field.jsonValueOf(socket, services));
        }
        return object;
    }

    /** Sockets as JSON objects, in the given order. */
    public static List<Map<String, Object>> of(List<Listener> sockets, ServiceIdentifier services) {
        return sockets.stream().map(socket -> of(socket, services)).toList();
    }
}
