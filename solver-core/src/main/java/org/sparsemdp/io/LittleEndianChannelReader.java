package org.sparsemdp.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.util.zip.Checksum;

/**
 * Buffered little-endian reading of scalars and primitive arrays from a channel, the counterpart
 * of {@link LittleEndianChannelWriter}: one sequential pass, arrays filled in bulk straight from
 * the buffer. The reader counts the bytes it has handed out ({@link #offset()}) so that errors can
 * name the byte offset, and an optional checksum sees every byte read from the channel, in order.
 * A channel that ends before a value is complete is a {@link ModelFormatException} naming the
 * source and the offset. Callers check sizes against the file's length before asking for an
 * array, so that a lying header cannot make them allocate more than the file holds.
 */
public final class LittleEndianChannelReader {
    private final ReadableByteChannel ch;
    private final String source;
    private final long size;
    private final Checksum checksum;
    private final ByteBuffer buf;
    private long consumed; // bytes moved out of the buffer

    /**
     * @param ch          the channel read from, positioned at the start of the data
     * @param source      the name errors give (the file)
     * @param size        the number of bytes the channel holds (for {@link #remaining()})
     * @param bufferBytes the buffer size (at least 8)
     * @param checksum    updated with every byte read from the channel, or null
     */
    public LittleEndianChannelReader(ReadableByteChannel ch, String source, long size, int bufferBytes,
                                     Checksum checksum) {
        if (bufferBytes < 8) {
            throw new IllegalArgumentException("buffer of " + bufferBytes + " bytes: at least 8 needed");
        }
        this.ch = ch;
        this.source = source;
        this.size = size;
        this.checksum = checksum;
        this.buf = ByteBuffer.allocateDirect(bufferBytes).order(ByteOrder.LITTLE_ENDIAN);
        buf.limit(0);
    }

    /** Bytes handed out so far: the offset of the next value. */
    public long offset() {
        return consumed;
    }

    /** Bytes of the channel not yet handed out. */
    public long remaining() {
        return size - consumed;
    }

    /** Reads one byte (sign-extended). */
    public int get() throws IOException {
        need(1);
        consumed += 1;
        return buf.get();
    }

    /** Reads one little-endian int. */
    public int getInt() throws IOException {
        need(4);
        consumed += 4;
        return buf.getInt();
    }

    /** Reads one little-endian long. */
    public long getLong() throws IOException {
        need(8);
        consumed += 8;
        return buf.getLong();
    }

    /** Reads one little-endian double. */
    public double getDouble() throws IOException {
        need(8);
        consumed += 8;
        return buf.getDouble();
    }

    /** Reads {@code n} bytes into a new array. */
    public byte[] bytes(int n) throws IOException {
        byte[] a = new byte[n];
        for (int i = 0; i < n; ) {
            need(1);
            int k = Math.min(buf.remaining(), n - i);
            buf.get(a, i, k);
            consumed += k;
            i += k;
        }
        return a;
    }

    /** Fills {@code a} with little-endian ints and returns it. */
    public int[] ints(int[] a) throws IOException {
        for (int i = 0; i < a.length; ) {
            need(4);
            int k = Math.min(buf.remaining() / 4, a.length - i);
            buf.asIntBuffer().get(a, i, k);
            buf.position(buf.position() + 4 * k);
            consumed += 4L * k;
            i += k;
        }
        return a;
    }

    /** Fills {@code a} with little-endian doubles and returns it. */
    public double[] doubles(double[] a) throws IOException {
        for (int i = 0; i < a.length; ) {
            need(8);
            int k = Math.min(buf.remaining() / 8, a.length - i);
            buf.asDoubleBuffer().get(a, i, k);
            buf.position(buf.position() + 8 * k);
            consumed += 8L * k;
            i += k;
        }
        return a;
    }

    /** Makes at least {@code bytes} bytes available, filling the buffer as far as one read goes. */
    private void need(int bytes) throws IOException {
        if (buf.remaining() >= bytes) {
            return;
        }
        buf.compact();
        do {
            int start = buf.position();
            int n = ch.read(buf);
            if (n < 0) {
                throw ModelFormatException.atOffset(source, consumed + buf.position(),
                        "the file ends early (truncated): " + bytes + " more bytes expected");
            }
            if (checksum != null && n > 0) {
                checksum.update(buf.duplicate().flip().position(start));
            }
        } while (buf.position() < bytes);
        buf.flip();
    }
}
