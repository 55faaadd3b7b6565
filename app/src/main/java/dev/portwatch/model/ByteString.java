package dev.portwatch.model;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable sequence of bytes compared by content: one element of a process's argument vector or environment as
 * the kernel holds it, which need not be valid UTF-8 and may contain newlines or be empty. Java strings cannot carry
 * such bytes through a {@link ProcessBuilder} unchanged, so the rebind path keeps them as bytes end to end.
 */
public final class ByteString {

    private static final ByteString EMPTY = new ByteString(new byte[0]);

    private final byte[] bytes;

    private ByteString(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of these bytes. */
    public static ByteString of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new ByteString(bytes.clone());
    }

    /** The UTF-8 encoding of a string. */
    public static ByteString utf8(String text) {
        return new ByteString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The bytes whose ISO-8859-1 decoding is {@code text}: one byte per character, lossless for any byte. */
    public static ByteString fromLatin1(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                throw new IllegalArgumentException("not an ISO-8859-1 string: " + text);
            }
        }
        return new ByteString(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Splits a NUL-separated block ({@code /proc/PID/cmdline}, {@code /proc/PID/environ}) where every element,
     * the last included, ends with NUL. Empty elements are kept.
     *
     * @throws IllegalArgumentException when the block does not end with NUL (a process that rewrote its argv)
     */
    public static List<ByteString> splitNulTerminated(byte[] block) {
        if (block.length > 0 && block[block.length - 1] != 0) {
            throw new IllegalArgumentException("the block does not end with NUL");
        }
        List<ByteString> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < block.length; i++) {
            if (block[i] == 0) {
                parts.add(ByteString.of(Arrays.copyOfRange(block, start, i)));
                start = i + 1;
            }
        }
        return List.copyOf(parts);
    }

    /** The inverse of {@link #splitNulTerminated}: every element followed by NUL. */
    public static byte[] joinNulTerminated(List<ByteString> parts) {
        var out = new ByteArrayOutputStream();
        for (ByteString part : parts) {
            out.write(part.bytes, 0, part.bytes.length);
            out.write(0);
        }
        return out.toByteArray();
    }

    /** A copy of the bytes. */
    public byte[] toArray() {
        return bytes.clone();
    }

    /** The number of bytes. */
    public int length() {
        return bytes.length;
    }

    /** True when there are no bytes. */
    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** True when a byte is NUL, which no argument or environment entry can hold. */
    public boolean containsNul() {
        for (byte b : bytes) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    /** True when the bytes are valid UTF-8, so {@link #text()} shows them exactly. */
    public boolean isUtf8() {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The bytes read as UTF-8, invalid sequences shown as U+FFFD: for people, never to run. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** One character per byte (ISO-8859-1): lossless, so ASCII patterns (port digits) can be matched and replaced. */
    public String latin1() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ByteString that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The same as {@link #text()}. */
    @Override
    public String toString() {
        return text();
    }
}
