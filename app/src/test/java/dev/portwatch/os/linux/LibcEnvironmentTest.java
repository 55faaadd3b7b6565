package dev.portwatch.os.linux;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The C environment as native code reads it (Java's own copy is taken at start and never changes). */
class LibcEnvironmentTest {

    /** libc's getenv, as GTK calls it. */
    interface LibC extends Library {
        String getenv(String name);
    }

    private final LibC libc = Native.load("c", LibC.class);

    @Test
    void setsAVariableNativeCodeReadsAndKeepsOneAlreadySet() {
        String name = "PORTWATCH_TEST_" + ProcessHandle.current().pid();
        assertThat(libc.getenv(name)).isNull();

        assertThat(LibcEnvironment.setIfAbsent(name, "disable")).isTrue();
        assertThat(libc.getenv(name)).isEqualTo("disable");

        assertThat(LibcEnvironment.setIfAbsent(name, "always")).isTrue();
        assertThat(libc.getenv(name)).isEqualTo("disable");
    }

    @Test
    void glibcTakesACapOnItsArenas() {
        // The test JVM's threads made their arenas long ago; a cap that high changes nothing for it.
        assertThat(LibcEnvironment.limitMallocArenas(64)).isTrue();
    }
}
