package org.sparsemdp.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Transparent compression for every format: input is decompressed when it starts with the gzip
 * magic bytes {@code 1F 8B} or the xz magic bytes {@code FD 37 7A 58 5A 00} (whatever the file
 * name), output is compressed when the file name ends in {@code .gz} or {@code .xz}. xz uses the
 * optional dependency org.tukaani:xz (XZ for Java); without it on the class path, xz input or
 * output is a clear IOException and everything else works.
 */
public final class Compression {
    private static final int BUFFER = 1 << 16;
    private static final byte[] XZ_MAGIC = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};

    private Compression() {
    }

    /**
     * Opens {@code path} for reading, decompressing gzip or xz content transparently. A file that
     * is not regular (a pipe, a FIFO, a character device such as {@code /dev/stdin}) is read as a
     * plain stream: the channel stream of {@link Files#newInputStream} would ask it for its
     * position and fail with "Illegal seek".
     */
    public static InputStream open(Path path) throws IOException {
        InputStream raw = Files.isRegularFile(path) || !Files.exists(path) ? Files.newInputStream(path)
                : new java.io.FileInputStream(path.toFile()); // NoSuchFileException for a missing file
        return decompressing(raw, path.toString());
    }

    /** Wraps {@code in}, decompressing gzip or xz content transparently. */
    public static InputStream decompressing(InputStream in) throws IOException {
        return decompressing(in, "input");
    }

    /**
     * Wraps {@code in}, decompressing gzip or xz content transparently; corrupt or truncated
     * compressed data is reported as a {@link ModelFormatException} naming {@code source}.
     */
    public static InputStream decompressing(InputStream in, String source) throws IOException {
        return decompressing(in, source, maxRatio(), RATIO_FLOOR_BYTES);
    }

    /**
     * As {@link #decompressing(InputStream, String)} with the decompression-bomb guard set
     * explicitly: the decompressed content may be at most {@code floorBytes} plus
     * {@code maxRatio} times the compressed bytes read so far (tests use a small floor).
     */
    static InputStream decompressing(InputStream in, String source, long maxRatio, long floorBytes)
            throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
        buffered.mark(XZ_MAGIC.length);
        byte[] head = buffered.readNBytes(XZ_MAGIC.length);
        buffered.reset();
        try {
            if (isGzipMagic(head)) {
                Counting compressed = new Counting(buffered);
                return new BufferedInputStream(new Guarded(new GZIPInputStream(compressed, BUFFER), source, "gzip",
                        compressed, maxRatio, floorBytes), BUFFER);
            }
            if (isXzMagic(head)) {
                Counting compressed = new Counting(buffered);
                return new BufferedInputStream(new Guarded(Xz.in(compressed), source, "xz", compressed, maxRatio,
                        floorBytes), BUFFER);
            }
        } catch (IOException e) {
            throw Guarded.translate(e, source, head[0] == XZ_MAGIC[0] ? "xz" : "gzip");
        }
        return buffered;
    }

    /**
     * Default largest ratio of decompressed to compressed bytes that {@link #open} and
     * {@link #decompressing} accept (beyond the first {@link #RATIO_FLOOR_BYTES}): 1032, DEFLATE's
     * maximum. Model files are numbers and labels, which compress 3–20 times; xz reaches more
     * only on degenerate content such as a run of zeros, the stuff of decompression bombs (10 GB
     * of zeros fit in 1.5 MB of xz). Decompression beyond the ratio is refused with a
     * {@link ModelFormatException} naming the file, after at most ratio × compressed size bytes,
     * so a bomb ends in a clean error within seconds. The system property
     * {@code sparsemdp.maxDecompressionRatio} changes the ratio.
     */
    public static final long DEFAULT_MAX_DECOMPRESSION_RATIO = 1032;
    /** Decompressed bytes accepted before the ratio guard applies: 64 MiB. */
    public static final long RATIO_FLOOR_BYTES = 64L << 20;

    private static long maxRatio() {
        return Math.max(1, Long.getLong("sparsemdp.maxDecompressionRatio", DEFAULT_MAX_DECOMPRESSION_RATIO));
    }

    /**
     * Largest ratio of decompressed to compressed size assumed by {@link #contentSizeBound}:
     * DEFLATE's maximum (1032:1, a 258-byte match coded in about 2 bits). LZMA (xz) can exceed it;
     * the bound is then too small, which only makes a reader reserve less and grow its arrays.
     */
    public static final long MAX_COMPRESSION_RATIO = 1032;

    /**
     * An upper bound on the size in bytes of the (decompressed) content of {@code path}, for
     * readers that bound what a header may declare by what the file can hold: the file size when
     * it is stored uncompressed (told by its magic bytes, not its name), {@link #MAX_COMPRESSION_RATIO}
     * times the file size when it is gzip- or xz-compressed, −1 when it is not a regular file (a
     * pipe is not read here).
     */
    public static long contentSizeBound(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            return -1;
        }
        long size = Files.size(path);
        if (!isCompressed(path)) {
            return size;
        }
        return size > Long.MAX_VALUE / MAX_COMPRESSION_RATIO ? Long.MAX_VALUE : size * MAX_COMPRESSION_RATIO;
    }

    /** Whether {@code path} holds gzip or xz data (told by its magic bytes, not its name). */
    public static boolean isCompressed(Path path) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(XZ_MAGIC.length);
        }
        return isGzipMagic(head) || isXzMagic(head);
    }

    private static boolean isGzipMagic(byte[] head) {
        return head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
    }

    private static boolean isXzMagic(byte[] head) {
        return java.util.Arrays.equals(head, XZ_MAGIC);
    }

    /**
     * Wraps {@code out}, compressing with gzip when {@code fileName} ends in {@code .gz} and with xz
     * (preset 6) when it ends in {@code .xz}. Closing the returned stream finishes the compressed
     * data and closes {@code out}.
     */
    public static OutputStream compressing(OutputStream out, String fileName) throws IOException {
        if (isGzipName(fileName)) {
            return new GZIPOutputStream(out, BUFFER);
        }
        if (isXzName(fileName)) {
            return Xz.out(out);
        }
        return out;
    }

    /** Whether the name ends in {@code .xz}. */
    public static boolean isXzName(String fileName) {
        return fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".xz");
    }

    /** Counts the bytes read through it (the compressed bytes a decompressor consumed). */
    private static final class Counting extends java.io.FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long k = super.skip(n);
            count += Math.max(0, k);
            return k;
        }
    }

    /**
     * Reports corrupt compressed data (not other I/O errors) as a {@link ModelFormatException},
     * and refuses to decompress more than the ratio guard allows (see
     * {@link #DEFAULT_MAX_DECOMPRESSION_RATIO}).
     */
    private static final class Guarded extends java.io.FilterInputStream {
        private final String source;
        private final String kind;
        private final Counting compressed;
        private final long maxRatio;
        private final long floorBytes;
        private long produced;

        Guarded(InputStream in, String source, String kind, Counting compressed, long maxRatio, long floorBytes) {
            super(in);
            this.source = source;
            this.kind = kind;
            this.compressed = compressed;
            this.maxRatio = maxRatio;
            this.floorBytes = floorBytes;
        }

        static IOException translate(IOException e, String source, String kind) {
            boolean corrupt = e instanceof java.util.zip.ZipException || e instanceof java.io.EOFException
                    || e.getClass().getName().startsWith("org.tukaani.xz.");
            if (!corrupt || e instanceof ModelFormatException) {
                return e;
            }
            String detail = e instanceof java.io.EOFException || e.getMessage() == null
                    ? "the compressed data end too early (a truncated file)" : e.getMessage();
            return ModelFormatException.inFile(source, "corrupt or truncated " + kind + " data: " + detail, e);
        }

        private int counted(int n) throws ModelFormatException {
            if (n > 0) {
                produced += n;
                long allowed = compressed.count > (Long.MAX_VALUE - floorBytes) / maxRatio ? Long.MAX_VALUE
                        : floorBytes + maxRatio * compressed.count;
                if (produced > allowed) {
                    throw ModelFormatException.inFile(source, "refusing to decompress further: " + produced
                            + " bytes of content from " + compressed.count + " compressed bytes is more than "
                            + maxRatio + " times as many (a decompression bomb?; the system property"
                            + " sparsemdp.maxDecompressionRatio raises the limit)");
                }
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            try {
                int b = super.read();
                counted(b >= 0 ? 1 : 0);
                return b;
            } catch (IOException e) {
                throw translate(e, source, kind);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return counted(super.read(b, off, len));
            } catch (IOException e) {
                throw translate(e, source, kind);
            }
        }

        @Override
        public int available() throws IOException {
            try {
                return super.available(); // xz reports here an error met after the bytes it returned
            } catch (IOException e) {
                throw translate(e, source, kind);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                long k = super.skip(n);
                counted((int) Math.min(Integer.MAX_VALUE, Math.max(0, k)));
                return k;
            } catch (IOException e) {
                throw translate(e, source, kind);
            }
        }
    }

    /** Isolates the optional XZ for Java classes so that they are loaded only when needed. */
    private static final class Xz {
        static InputStream in(InputStream raw) throws IOException {
            try {
                return new org.tukaani.xz.XZInputStream(raw);
            } catch (NoClassDefFoundError e) {
                throw missing();
            }
        }

        static OutputStream out(OutputStream raw) throws IOException {
            try {
                return new org.tukaani.xz.XZOutputStream(raw, new org.tukaani.xz.LZMA2Options());
            } catch (NoClassDefFoundError e) {
                throw missing();
            }
        }

        private static IOException missing() {
            return new IOException("xz compression needs the library org.tukaani:xz on the class path");
        }
    }

    /** Whether the name ends in {@code .gz}. */
    public static boolean isGzipName(String fileName) {
        return fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".gz");
    }

    /** The file name without a trailing {@code .gz} or {@code .xz}. */
    public static String stripCompressionSuffix(String fileName) {
        return isGzipName(fileName) || isXzName(fileName) ? fileName.substring(0, fileName.length() - 3) : fileName;
    }
}
