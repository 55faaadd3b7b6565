package dev.portwatch.core.remote;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;
import java.util.Objects;

/**
 * The messages of portwatch's remote protocol, version {@link #PROTOCOL}: one JSON object per line (see
 * {@link dev.portwatch.core.jsonlines.JsonLines}), told apart by their {@code "type"} field.
 *
 * <p>The remote side ({@code portwatch remote --protocol 1}, run over SSH) starts with a {@link Hello}. The local
 * side then sends one request: {@link Run} (a subcommand; answered by {@link Out}, {@link Err}, {@link Ask}, and a
 * final {@link Exit}) or {@link Stream} (a {@link Scan} or {@link ScanFailed} per interval until stdin closes;
 * {@link Control} changes the interval or asks for a scan now). {@link Failure} ends a session the remote side
 * cannot serve. Nothing the user typed is ever put on the remote shell's command line: it travels here, as JSON.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RemoteMessage.Hello.class, name = "hello"),
    @JsonSubTypes.Type(value = RemoteMessage.Run.class, name = "run"),
    @JsonSubTypes.Type(value = RemoteMessage.Out.class, name = "out"),
    @JsonSubTypes.Type(value = RemoteMessage.Err.class, name = "err"),
    @JsonSubTypes.Type(value = RemoteMessage.Ask.class, name = "ask"),
    @JsonSubTypes.Type(value = RemoteMessage.Answer.class, name = "answer"),
    @JsonSubTypes.Type(value = RemoteMessage.Exit.class, name = "exit"),
    @JsonSubTypes.Type(value = RemoteMessage.Stream.class, name = "stream"),
    @JsonSubTypes.Type(value = RemoteMessage.Control.class, name = "control"),
    @JsonSubTypes.Type(value = RemoteMessage.Scan.class, name = "scan"),
    @JsonSubTypes.Type(value = RemoteMessage.ScanFailed.class, name = "scanFailed"),
    @JsonSubTypes.Type(value = RemoteMessage.Failure.class, name = "failure"),
})
public sealed interface RemoteMessage {

    /** The protocol version this portwatch speaks. */
    int PROTOCOL = 1;

    /**
     * The remote side's first line.
     *
     * @param protocol the protocol version it speaks
     * @param version  its portwatch version, for messages
     */
    record Hello(int protocol, String version) implements RemoteMessage {
        /** Validates the fields. */
        public Hello {
            Objects.requireNonNull(version, "version");
        }
    }

    /**
     * Runs a subcommand on the remote side as if typed there, e.g. {@code ["kill", "3000"]}.
     *
     * @param argv the subcommand and its arguments; never a shell command line
     */
    record Run(List<String> argv) implements RemoteMessage {
        /** Validates and copies the arguments. */
        public Run {
            argv = List.copyOf(argv);
        }
    }

    /** Text the subcommand printed on its standard output. */
    record Out(String text) implements RemoteMessage {
        /** Validates the field. */
        public Out {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Text the subcommand printed on its standard error. */
    record Err(String text) implements RemoteMessage {
        /** Validates the field. */
        public Err {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A yes/no question for the user at the local terminal; the local side replies with an {@link Answer}. */
    record Ask(String question) implements RemoteMessage {
        /** Validates the field. */
        public Ask {
            Objects.requireNonNull(question, "question");
        }
    }

    /**
     * The reply to an {@link Ask}.
     *
     * @param yes true or false, or null when there is no terminal to ask on
     */
    record Answer(Boolean yes) implements RemoteMessage {
    }

    /** The subcommand finished with this exit code; the last message of a {@link Run}. */
    record Exit(int code) implements RemoteMessage {
    }

    /**
     * Starts streaming scans.
     *
     * @param intervalMillis time between scans, clamped by the remote side to 500..10,000 ms
     */
    record Stream(long intervalMillis) implements RemoteMessage {
    }

    /**
     * Changes a running stream.
     *
     * @param intervalMillis the new interval
     * @param paused         true to stop scanning until a later control says false
     * @param scanNow        true for one scan at once, paused or not
     */
    record Control(long intervalMillis, boolean paused, boolean scanNow) implements RemoteMessage {
    }

    /** One scan of a stream. */
    record Scan(SnapshotWire snapshot) implements RemoteMessage {
        /** Validates the field. */
        public Scan {
            Objects.requireNonNull(snapshot, "snapshot");
        }
    }

    /** A scan of a stream failed; the stream goes on. */
    record ScanFailed(String error) implements RemoteMessage {
        /** Validates the field. */
        public ScanFailed {
            Objects.requireNonNull(error, "error");
        }
    }

    /** The remote side cannot serve this session (another protocol version, a refused request); it ends here. */
    record Failure(String message) implements RemoteMessage {
        /** Validates the field. */
        public Failure {
            Objects.requireNonNull(message, "message");
        }
    }
}
