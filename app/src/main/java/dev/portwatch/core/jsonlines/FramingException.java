package dev.portwatch.core.jsonlines;

import java.io.IOException;

/**
 * A JSON-lines peer sent something that is not one well-formed message: a line over the size limit, text that is
 * not JSON, or JSON of an unknown shape. The message is one sentence without the peer's name; the caller adds it.
 */
public final class FramingException extends IOException {

    private static final long serialVersionUID = 1L;

    /** An exception whose message is the sentence to show. */
    public FramingException(String message) {
        super(message);
    }

    /** An exception whose message is the sentence to show, with the parser's exception as the cause. */
    public FramingException(String message, Throwable cause) {
        super(message, cause);
    }
}
