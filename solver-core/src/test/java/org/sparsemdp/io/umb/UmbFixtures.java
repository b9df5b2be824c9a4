package org.sparsemdp.io.umb;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test-side construction of UMB archives, independent of the library's writer: binary arrays
 * encoded with {@link ByteBuffer} and a separate minimal ustar builder, so that headers can be
 * forged.
 */
final class UmbFixtures {
    private UmbFixtures() {
    }

    static byte[] uint64(long... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : v) {
            b.putLong(x);
        }
        return b.array();
    }

    static byte[] uint32(int... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) {
            b.putInt(x);
        }
        return b.array();
    }

    static byte[] doubles(double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) {
            b.putDouble(x);
        }
        return b.array();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The example of the UMB specification's repository (pmc-tools/umb, example/mdp.umbt): a
     * 4-state MDP from PRISM with actions a, b, reward r on choices, atomic proposition g and
     * state valuations — transcribed from the textual view.
     */
    static Map<String, byte[]> specExample() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("index.json", utf8("{\n"
                + "  \"format-version\": 1,\n  \"format-revision\": 0,\n  \"model-data\": {},\n"
                + "  \"file-data\": {\"tool\": \"PRISM\", \"tool-version\": \"4.10\", \"creation-date\": 1769360247},\n"
                + "  \"transition-system\": {\"time\": \"discrete\", \"#players\": 1, \"#states\": 4,"
                + " \"#initial-states\": 1, \"#choices\": 5, \"#choice-actions\": 2, \"#branches\": 8,"
                + " \"#branch-actions\": 0, \"#observations\": 0,"
                + " \"branch-probability-type\": {\"type\": \"double\", \"size\": 64}},\n"
                + "  \"annotations\": {\"aps\": {\"g\": {\"alias\": \"g\", \"applies-to\": [\"states\"],"
                + " \"type\": {\"type\": \"bool\", \"size\": 1}}},"
                + " \"rewards\": {\"r\": {\"alias\": \"r\", \"applies-to\": [\"choices\"],"
                + " \"type\": {\"type\": \"double\", \"size\": 64}}}},\n"
                + "  \"valuations\": {\"states\": {\"unique\": true, \"classes\": [{\"variables\": ["
                + "{\"name\": \"x\", \"type\": {\"type\": \"uint\", \"size\": 2}},"
                + " {\"name\": \"b\", \"type\": {\"type\": \"bool\", \"size\": 1}}, {\"padding\": 5}]}]}}\n}\n"));
        files.put("state-to-choices.bin", uint64(0, 2, 3, 4, 5));
        files.put("choice-to-branches.bin", uint64(0, 2, 4, 6, 7, 8));
        files.put("branch-to-probability.bin", doubles(0.5, 0.5, 0.2, 0.8, 0.9, 0.1, 1.0, 1.0));
        files.put("branch-to-target.bin", uint64(1, 2, 2, 3, 0, 1, 2, 3));
        files.put("state-is-initial.bin", uint64(1));
        files.put("actions/choices/string-mapping.bin", uint64(0, 1, 2));
        files.put("actions/choices/strings.bin", utf8("ab"));
        files.put("actions/choices/values.bin", uint32(0, 1, 0, 0, 0));
        files.put("annotations/aps/g/states/values.bin", uint64(8));
        files.put("annotations/rewards/r/choices/values.bin", doubles(0.0, 1.0, 0.0, 0.0, 0.0));
        files.put("valuations/states/valuations.bin", new byte[] {0, 1, 2, 6});
        return files;
    }

    /** A ustar archive of {@code files} in iteration order. */
    static byte[] tar(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            out.writeBytes(header(e.getKey(), e.getValue().length));
            out.writeBytes(e.getValue());
            out.writeBytes(new byte[(512 - e.getValue().length % 512) % 512]);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    /**
     * The entries of a plain ustar archive written by {@link UmbWriter}, in archive order (name
     * from bytes 0–99 plus the 155-byte prefix at 345, octal size at 124; POSIX.1-2017 ustar).
     */
    static Map<String, byte[]> untar(byte[] tar) {
        Map<String, byte[]> out = new java.util.LinkedHashMap<>();
        int at = 0;
        while (at + 512 <= tar.length && tar[at] != 0) {
            String name = cString(tar, at, 100);
            String prefix = cString(tar, at + 345, 155);
            long size = Long.parseLong(cString(tar, at + 124, 12).trim(), 8);
            out.put(prefix.isEmpty() ? name : prefix + "/" + name,
                    java.util.Arrays.copyOfRange(tar, at + 512, at + 512 + (int) size));
            at += 512 + (int) ((size + 511) / 512 * 512);
        }
        return out;
    }

    private static String cString(byte[] b, int off, int max) {
        int end = off;
        while (end < off + max && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.US_ASCII);
    }

    /** A ustar header for a regular file with a size given in octal text (may lie). */
    static byte[] header(String name, long size) {
        byte[] h = new byte[512];
        byte[] n = utf8(name);
        System.arraycopy(n, 0, h, 0, n.length);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        if (size < (1L << 33)) {
            put(h, 124, String.format("%011o", size));
        } else { // GNU base-256, as tar writes sizes of 8 GiB and more
            h[124] = (byte) 0x80;
            for (int i = 0; i < 8; i++) {
                h[135 - i] = (byte) (size >>> (8 * i));
            }
        }
        put(h, 136, "00000000000");
        h[156] = '0';
        put(h, 257, "ustar");
        put(h, 263, "00");
        fixChecksum(h);
        return h;
    }

    static void fixChecksum(byte[] h) {
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }
}
