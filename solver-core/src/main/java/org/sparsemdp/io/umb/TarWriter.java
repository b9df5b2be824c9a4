package org.sparsemdp.io.umb;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a POSIX ustar archive (POSIX.1-2017, pax "ustar Interchange Format") of regular files
 * whose sizes are known before their content: a 512-byte header (name, mode 0644, uid/gid 0,
 * mtime 0 for reproducible output, octal size, checksum, type '0', magic "ustar\0", version "00"),
 * the content, zero padding to a 512-byte boundary, and two zero blocks at the end. Names must be
 * ASCII and at most 100 bytes (UMB names are short).
 */
final class TarWriter {
    private final OutputStream out;
    private long expected;
    private long written;

    TarWriter(OutputStream out) {
        this.out = out;
    }

    /** Starts an entry of exactly {@code size} bytes; write them to {@link #content()}. */
    void begin(String name, long size) throws IOException {
        finishEntry();
        byte[] h = new byte[TarReader.BLOCK];
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        if (n.length > 100) {
            throw new IOException("tar entry name longer than 100 bytes: " + name);
        }
        System.arraycopy(n, 0, h, 0, n.length);
        octal(h, 100, 8, 0644);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, 0);
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        h[156] = '0';
        byte[] magic = {'u', 's', 't', 'a', 'r', 0, '0', '0'};
        System.arraycopy(magic, 0, h, 257, magic.length);
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum); // six digits, NUL, then the space already there
        out.write(h);
        expected = size;
        written = 0;
    }

    /** The stream for the current entry's content. */
    OutputStream content() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                written++;
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                out.write(b, off, len);
            }
        };
    }

    /** Writes a whole entry. */
    void entry(String name, byte[] data) throws IOException {
        begin(name, data.length);
        out.write(data);
        written = data.length;
    }

    private void finishEntry() throws IOException {
        if (written != expected) {
            throw new IllegalStateException("tar entry content of " + written + " bytes, declared " + expected);
        }
        long pad = (TarReader.BLOCK - written % TarReader.BLOCK) % TarReader.BLOCK;
        out.write(new byte[(int) pad]);
        expected = 0;
        written = 0;
    }

    /** Ends the archive with two zero blocks (does not close the stream). */
    void finish() throws IOException {
        finishEntry();
        out.write(new byte[2 * TarReader.BLOCK]);
        out.flush();
    }

    /** Writes {@code v} as {@code len − 1} octal digits and a NUL. */
    private static void octal(byte[] h, int off, int len, long v) throws IOException {
        String s = Long.toOctalString(v);
        if (s.length() > len - 1) {
            throw new IOException("value " + v + " does not fit a " + len + "-byte tar field");
        }
        int pad = len - 1 - s.length();
        for (int i = 0; i < pad; i++) {
            h[off + i] = '0';
        }
        for (int i = 0; i < s.length(); i++) {
            h[off + pad + i] = (byte) s.charAt(i);
        }
        h[off + len - 1] = 0;
    }
}
