package org.sparsemdp.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.util.zip.Checksum;

/**
 * Buffered little-endian writing of scalars and primitive arrays to a channel, for the binary
 * formats of this library (the {@code .cmdp} dump, the block files of a partitioned model). Arrays
 * go through the buffer in bulk ({@link java.nio.IntBuffer#put(int[], int, int)}), never element by
 * element; an optional checksum sees every byte written, in order. Not thread-safe; the caller
 * owns and closes the channel after {@link #flush()}.
 */
public final class LittleEndianChannelWriter {
    private final WritableByteChannel ch;
    private final Checksum checksum;
    private final ByteBuffer buf;
    private long written;

    /**
     * @param ch          the channel written to
     * @param bufferBytes the buffer size (at least 8)
     * @param checksum    updated with every byte written, or null
     */
    public LittleEndianChannelWriter(WritableByteChannel ch, int bufferBytes, Checksum checksum) {
        if (bufferBytes < 8) {
            throw new IllegalArgumentException("buffer of " + bufferBytes + " bytes: at least 8 needed");
        }
        this.ch = ch;
        this.checksum = checksum;
        this.buf = ByteBuffer.allocateDirect(bufferBytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Bytes handed to this writer so far (written or still buffered). */
    public long written() {
        return written + buf.position();
    }

    /** Writes one byte. */
    public void put(byte b) throws IOException {
        room(1);
        buf.put(b);
    }

    /** Writes one int, little-endian. */
    public void putInt(int v) throws IOException {
        room(4);
        buf.putInt(v);
    }

    /** Writes one long, little-endian. */
    public void putLong(long v) throws IOException {
        room(8);
        buf.putLong(v);
    }

    /** Writes one double (its IEEE 754 bits), little-endian. */
    public void putDouble(double v) throws IOException {
        room(8);
        buf.putDouble(v);
    }

    /** Writes the bytes of {@code a}. */
    public void bytes(byte[] a) throws IOException {
        for (int i = 0; i < a.length; ) {
            room(1);
            int n = Math.min(buf.remaining(), a.length - i);
            buf.put(a, i, n);
            i += n;
        }
    }

    /** Writes the ints of {@code a}, little-endian. */
    public void ints(int[] a) throws IOException {
        for (int i = 0; i < a.length; ) {
            room(4);
            int n = Math.min(buf.remaining() / 4, a.length - i);
            buf.asIntBuffer().put(a, i, n);
            buf.position(buf.position() + 4 * n);
            i += n;
        }
    }

    /** Writes the doubles of {@code a}, little-endian. */
    public void doubles(double[] a) throws IOException {
        for (int i = 0; i < a.length; ) {
            room(8);
            int n = Math.min(buf.remaining() / 8, a.length - i);
            buf.asDoubleBuffer().put(a, i, n);
            buf.position(buf.position() + 8 * n);
            i += n;
        }
    }

    /** Writes out what is buffered. */
    public void flush() throws IOException {
        buf.flip();
        if (checksum != null) {
            checksum.update(buf.duplicate());
        }
        written += buf.remaining();
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        buf.clear();
    }

    private void room(int bytes) throws IOException {
        if (buf.remaining() < bytes) {
            flush();
        }
    }
}
