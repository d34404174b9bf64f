package io.flowcraft.bench;

import java.nio.charset.StandardCharsets;

/**
 * A {@link CharSequence} view of UTF-8 bytes for {@link FrameScan}, so that a received message can
 * be scanned without decoding it. {@link #charAt} returns each byte as a char: ASCII is exact, and
 * the bytes of a multi-byte character are all at least {@code 0x80}, so they can never be taken for
 * a quote, backslash, brace or digit. {@link #subSequence} and {@link #toString} decode properly.
 */
final class Utf8Bytes implements CharSequence {

    private final byte[] bytes;
    private final int length;

    /**
     * @param bytes  the bytes (not copied)
     * @param length how many of them are the text
     */
    Utf8Bytes(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        return (char) (bytes[index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
