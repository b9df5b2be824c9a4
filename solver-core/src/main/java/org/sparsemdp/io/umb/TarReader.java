package org.sparsemdp.io.umb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.sparsemdp.io.ModelFormatException;

/**
 * A streaming reader of POSIX tar archives (ustar, with the pax {@code path}/{@code size} and GNU
 * long-name extensions), for the UMB container. It never seeks and never trusts a header: header
 * checksums are verified, sizes must be non-negative, and an entry that claims more bytes than the
 * stream holds is reported as truncated when the data runs out, so a hostile size costs at most
 * one pass over the input, not an allocation. The end-of-archive zero block is required, so that a
 * stream cut at an entry boundary is not mistaken for a complete archive. Errors carry the byte offset in the (decompressed)
 * tar stream. See POSIX.1-2017, pax "ustar Interchange Format".
 */
final class TarReader {
    static final int BLOCK = 512;

    private final InputStream in;
    private final String source;
    private final byte[] header = new byte[BLOCK];
    private long position;
    private long remaining; // data bytes of the current entry not yet consumed
    private long padding; // padding after the current entry's data
    private boolean finished;

    /** One regular-file entry. */
    static final class Entry {
        final String name;
        final long size;
        final long dataOffset;

        Entry(String name, long size, long dataOffset) {
            this.name = name;
            this.size = size;
            this.dataOffset = dataOffset;
        }
    }

    TarReader(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    /** Bytes consumed from the tar stream so far. */
    long position() {
        return position;
    }

    ModelFormatException error(long offset, String problem) {
        return ModelFormatException.atOffset(source, offset, problem);
    }

    /**
     * The next regular-file entry (directories, links and extension headers are consumed), or null
     * at the end of the archive. The rest of the previous entry is skipped.
     */
    Entry next() throws IOException {
        skipRest();
        String longName = null;
        long paxSize = -1;
        while (!finished) {
            long headerOffset = position;
            int n = readFully(header, 0, BLOCK);
            if (n == 0) {
                throw error(headerOffset, "truncated archive: the stream ends without the end-of-archive blocks");
            }
            if (n < BLOCK) {
                throw error(headerOffset, "truncated tar header (" + n + " of " + BLOCK + " bytes)");
            }
            if (isZeroBlock()) {
                finished = true;
                return null;
            }
            checkChecksum(headerOffset);
            long size = parseSize(headerOffset);
            if (paxSize >= 0) {
                size = paxSize;
            }
            byte type = header[156];
            String name = longName != null ? longName : headerName();
            longName = null;
            paxSize = -1;
            remaining = size;
            padding = (BLOCK - size % BLOCK) % BLOCK;
            if (type == 'x') {
                String[] pax = readPax(headerOffset, size);
                longName = pax[0];
                paxSize = pax[1] == null ? -1 : parsePaxSize(headerOffset, pax[1]);
                continue;
            }
            if (type == 'L') {
                longName = readSmall(headerOffset, size, "GNU long name");
                int nul = longName.indexOf('\0');
                if (nul >= 0) {
                    longName = longName.substring(0, nul);
                }
                continue;
            }
            if (type == '0' || type == 0 || type == '7') {
                return new Entry(normalise(name), size, position);
            }
            skipRest(); // directory, link, global pax header, other: skip its data
        }
        return null;
    }

    /** Reads exactly {@code len} bytes of the current entry or fails as truncated. */
    void readEntryBytes(byte[] b, int off, int len, String entryName) throws IOException {
        if (len > remaining) {
            throw error(position, "entry " + entryName + " ends early");
        }
        int n = readFully(b, off, len);
        remaining -= n;
        if (n < len) {
            throw error(position, "truncated archive: the stream ends inside entry " + entryName + ", "
                    + (remaining + len - n) + " bytes before its declared end");
        }
    }

    private void skipRest() throws IOException {
        long toSkip = remaining + padding;
        byte[] scratch = null;
        while (toSkip > 0) {
            if (scratch == null) {
                scratch = new byte[8192];
            }
            int n = in.read(scratch, 0, (int) Math.min(scratch.length, toSkip));
            if (n < 0) {
                if (remaining > 0) {
                    throw error(position, "truncated archive: an entry declares " + remaining
                            + " more bytes than the stream holds");
                }
                break; // missing padding after the last entry: tolerated
            }
            position += n;
            toSkip -= n;
            remaining = Math.max(0, remaining - n);
        }
        remaining = 0;
        padding = 0;
    }

    private int readFully(byte[] b, int off, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int n = in.read(b, off + total, len - total);
            if (n < 0) {
                break;
            }
            total += n;
            position += n;
        }
        return total;
    }

    private boolean isZeroBlock() {
        for (byte b : header) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private void checkChecksum(long offset) throws ModelFormatException {
        long stored = parseOctal(offset, 148, 8, "checksum");
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = (i >= 148 && i < 156) ? ' ' : header[i];
            unsigned += b & 0xff;
            signed += (i >= 148 && i < 156) ? ' ' : header[i];
        }
        if (stored != unsigned && stored != signed) {
            throw error(offset, "bad tar header checksum (not a tar archive, or corrupted)");
        }
    }

    private long parseSize(long offset) throws ModelFormatException {
        if ((header[124] & 0x80) != 0) { // GNU base-256
            if ((header[124] & 0x40) != 0) {
                throw error(offset, "negative entry size");
            }
            long v = header[124] & 0x3f;
            for (int i = 125; i < 136; i++) {
                if (v > (Long.MAX_VALUE >> 8)) {
                    throw error(offset, "entry size too large");
                }
                v = (v << 8) | (header[i] & 0xff);
            }
            return v;
        }
        return parseOctal(offset, 124, 12, "size");
    }

    private long parseOctal(long offset, int start, int len, String field) throws ModelFormatException {
        int i = start;
        int end = start + len;
        while (i < end && (header[i] == ' ' || header[i] == 0)) {
            i++;
        }
        long v = 0;
        int digits = 0;
        for (; i < end; i++) {
            byte b = header[i];
            if (b == 0 || b == ' ') {
                break;
            }
            if (b < '0' || b > '7') {
                throw error(offset, "bad octal digit in the tar header's " + field + " field");
            }
            v = (v << 3) | (b - '0');
            digits++;
        }
        if (digits == 0 && !field.equals("size")) {
            throw error(offset, "empty " + field + " field in tar header");
        }
        return v;
    }

    private String headerName() {
        String name = cString(0, 100);
        // POSIX ustar ("ustar\0" "00") has a name prefix; the old GNU format ("ustar  \0") does not
        boolean ustar = header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a'
                && header[261] == 'r' && header[262] == 0;
        if (ustar) {
            String prefix = cString(345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
        }
        return name;
    }

    private String cString(int start, int len) {
        int end = start;
        while (end < start + len && header[end] != 0) {
            end++;
        }
        return new String(header, start, end - start, StandardCharsets.UTF_8);
    }

    /** Entry names as used in UMB: without a leading "./" or "/". */
    static String normalise(String name) {
        String n = name;
        while (n.startsWith("./") || n.startsWith("/")) {
            n = n.substring(n.startsWith("./") ? 2 : 1);
        }
        return n;
    }

    private static final int MAX_EXTENSION_BYTES = 1 << 20;

    private String readSmall(long offset, long size, String what) throws IOException {
        return new String(readSmallBytes(offset, size, what), StandardCharsets.UTF_8);
    }

    private byte[] readSmallBytes(long offset, long size, String what) throws IOException {
        if (size > MAX_EXTENSION_BYTES) {
            throw error(offset, what + " of " + size + " bytes is larger than the " + MAX_EXTENSION_BYTES
                    + " accepted");
        }
        byte[] b = new byte[(int) size];
        readEntryBytes(b, 0, b.length, what);
        skipRest();
        return b;
    }

    /** Parses pax records "len key=value\n"; returns {path, size} (either may be null). */
    private String[] readPax(long offset, long size) throws IOException {
        // ISO-8859-1 maps bytes to chars one to one, so record lengths (in bytes) index the string
        String text = new String(readSmallBytes(offset, size, "pax extended header"), StandardCharsets.ISO_8859_1);
        String path = null;
        String sizeText = null;
        int i = 0;
        while (i < text.length()) {
            int space = text.indexOf(' ', i);
            if (space < 0) {
                throw error(offset, "malformed pax record");
            }
            int len;
            try {
                len = Integer.parseInt(text.substring(i, space));
            } catch (NumberFormatException e) {
                throw error(offset, "malformed pax record length");
            }
            if (len <= space - i + 1 || i + len > text.length()) {
                throw error(offset, "malformed pax record length " + len);
            }
            String rec = text.substring(space + 1, i + len - 1);
            int eq = rec.indexOf('=');
            if (eq > 0) {
                String key = rec.substring(0, eq);
                String value = new String(rec.substring(eq + 1).getBytes(StandardCharsets.ISO_8859_1),
                        StandardCharsets.UTF_8);
                if (key.equals("path")) {
                    path = value;
                } else if (key.equals("size")) {
                    sizeText = value;
                }
            }
            i += len;
        }
        return new String[] {path, sizeText};
    }

    private long parsePaxSize(long offset, String text) throws ModelFormatException {
        try {
            long v = Long.parseLong(text.trim());
            if (v < 0) {
                throw error(offset, "negative pax size");
            }
            return v;
        } catch (NumberFormatException e) {
            throw error(offset, "malformed pax size '" + text + "'");
        }
    }
}
