package dev.portwatch.core.jsonlines;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A framing codec for protocols that exchange one compact JSON object per line over a byte stream (a pipe, an SSH
 * session's stdin and stdout): each message is UTF-8 JSON without line breaks, ended by {@code \n}.
 *
 * <p>Reading is bounded: a line longer than the limit is refused without being buffered whole, so a peer that
 * never sends a newline cannot make the reader grow without end. Messages map to a type with Jackson (records and
 * sealed interfaces with {@code @JsonTypeInfo} work); ISO-8601 times, {@code Optional} fields.
 *
 * <p>A reader and a writer may be used by different threads; neither is safe for concurrent use on its own side
 * except {@link Writer#write}, which is synchronized so that lines never interleave.
 */
public final class JsonLines {

    /** The default limit for one line, in bytes: a full scan of 5,000 sockets takes about 2 MB. */
    public static final int DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            // A newer peer may add fields within the same protocol version; unknown message types still fail.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * The same mapper refusing unknown fields: for a security boundary (the privileged helper), where a request
     * carrying more than its type declares, say a program path, must be refused rather than silently ignored.
     */
    private static final ObjectMapper STRICT = MAPPER.copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonLines() {
    }

    /** The mapper that refuses unknown fields, missing primitives and trailing tokens. Thread-safe. */
    public static ObjectMapper strictMapper() {
        return STRICT;
    }

    /** The mapper the codec uses: compact, ISO-8601 times, unknown fields ignored. Thread-safe. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Reads messages of one type, one per line. */
    public static final class Reader<T> {
        private final InputStream in;
        private final Class<T> type;
        private final int maxLineBytes;
        private final ObjectMapper mapper;

        /**
         * @param in           the stream; read through a buffer, so nothing else should read it
         * @param type         the message type (a sealed interface with type ids, or a record)
         * @param maxLineBytes the longest line accepted, in bytes, without its newline
         */
        public Reader(InputStream in, Class<T> type, int maxLineBytes) {
            this(in, type, maxLineBytes, MAPPER);
        }

        /**
         * @param in           the stream; read through a buffer, so nothing else should read it
         * @param type         the message type (a sealed interface with type ids, or a record)
         * @param maxLineBytes the longest line accepted, in bytes, without its newline
         * @param mapper       {@link #mapper()} or {@link #strictMapper()}
         */
        public Reader(InputStream in, Class<T> type, int maxLineBytes, ObjectMapper mapper) {
            this.mapper = Objects.requireNonNull(mapper, "mapper");
            this.in = new BufferedInputStream(Objects.requireNonNull(in, "in"));
            this.type = Objects.requireNonNull(type, "type");
            if (maxLineBytes < 1) {
                throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
            }
            this.maxLineBytes = maxLineBytes;
        }

        /**
         * Blocks until the next message.
         *
         * @return the message, or empty at the end of the stream (a last line without newline is still read)
         * @throws FramingException when the line is too long, not JSON, or not a known message
         * @throws IOException      when the stream fails
         */
        public Optional<T> read() throws IOException {
            Optional<byte[]> line = readLine();
            if (line.isEmpty()) {
                return Optional.empty();
            }
            byte[] bytes = line.get();
            try {
                T message = mapper.readValue(bytes, type);
                if (message == null) {
                    throw new FramingException("it sent a JSON null instead of a message");
                }
                return Optional.of(message);
            } catch (JacksonException e) {
                throw new FramingException("it sent " + preview(bytes) + ", which is not a message of this protocol",
                        e);
            } catch (IllegalArgumentException | NullPointerException e) {
                // Thrown by a record's validation (a negative pid, a port out of range).
                throw new FramingException("it sent an invalid value (" + e.getMessage() + ")", e);
            }
        }

        private Optional<byte[]> readLine() throws IOException {
            var line = new ByteArrayOutputStream();
            int b = in.read();
            if (b < 0) {
                return Optional.empty();
            }
            while (b >= 0 && b != '\n') {
                if (line.size() >= maxLineBytes) {
                    throw new FramingException("it sent a line longer than " + maxLineBytes + " bytes");
                }
                line.write(b);
                b = in.read();
            }
            return Optional.of(line.toByteArray());
        }
    }

    /** Writes messages, one compact JSON object per line, flushing after each. */
    public static final class Writer {
        private final OutputStream out;

        /** A writer on the stream; it is flushed after every message. */
        public Writer(OutputStream out) {
            this.out = Objects.requireNonNull(out, "out");
        }

        /**
         * Writes one message and flushes.
         *
         * @throws IOException when the stream is closed (the peer went away)
         */
        public synchronized void write(Object message) throws IOException {
            byte[] bytes = MAPPER.writeValueAsBytes(message);
            out.write(bytes);
            out.write('\n');
            out.flush();
        }
    }

    /** The start of a line as users can read it in a sentence: quoted, control characters escaped, cut at 60. */
    static String preview(byte[] line) {
        String text = new String(line, 0, Math.min(line.length, 240), StandardCharsets.UTF_8);
        var shown = new StringBuilder("\u201c");
        text.codePoints().limit(60).forEach(c -> {
            if (Character.isISOControl(c)) {
                shown.append(String.format("\\x%02x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        if (text.codePointCount(0, text.length()) > 60 || line.length > 240) {
            shown.append('\u2026');
        }
        return shown.append('\u201d').toString();
    }
}
