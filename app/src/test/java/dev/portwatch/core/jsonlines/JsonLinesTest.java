package dev.portwatch.core.jsonlines;

import dev.portwatch.core.remote.RemoteMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonLinesTest {

    private static JsonLines.Reader<RemoteMessage> reader(String text, int max) {
        return new JsonLines.Reader<>(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                RemoteMessage.class, max);
    }

    @Test
    void writesOneCompactLinePerMessageAndReadsThemBack() throws Exception {
        var bytes = new ByteArrayOutputStream();
        var writer = new JsonLines.Writer(bytes);
        writer.write(new RemoteMessage.Hello(1, "1.0"));
        writer.write(new RemoteMessage.Run(List.of("kill", "a\nb", "'; rm -rf /")));

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text.lines()).hasSize(2);
        var reader = reader(text, 1024);
        assertThat(reader.read()).contains(new RemoteMessage.Hello(1, "1.0"));
        assertThat(reader.read()).contains(new RemoteMessage.Run(List.of("kill", "a\nb", "'; rm -rf /")));
        assertThat(reader.read()).isEmpty();
    }

    @Test
    void aLineOverTheLimitIsRefusedWithoutReadingItWhole() {
        // An endless line: the reader must stop at the limit rather than buffer forever.
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        };
        var reader = new JsonLines.Reader<>(endless, RemoteMessage.class, 4096);

        assertThatThrownBy(reader::read).isInstanceOf(FramingException.class)
                .hasMessage("it sent a line longer than 4096 bytes");
    }

    @Test
    void garbageUnknownTypesAndInvalidValuesAreOneSentence() {
        assertThatThrownBy(() -> reader("<html>\u0007</html>\n", 1024).read()).isInstanceOf(FramingException.class)
                .hasMessage("it sent \u201c<html>\\x07</html>\u201d, which is not a message of this protocol");
        assertThatThrownBy(() -> reader("{\"type\":\"launchMissiles\"}\n", 1024).read())
                .isInstanceOf(FramingException.class).hasMessageContaining("not a message of this protocol");
        assertThatThrownBy(() -> reader("null\n", 1024).read()).isInstanceOf(FramingException.class);
        assertThatThrownBy(() -> reader("{\"type\":\"out\"}\n", 1024).read()).isInstanceOf(FramingException.class);
        assertThatThrownBy(() -> reader("x".repeat(500) + "\n", 1024).read()).isInstanceOf(FramingException.class)
                .hasMessageEndingWith("\u2026\u201d, which is not a message of this protocol");
    }
}
