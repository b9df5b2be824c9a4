package org.sparsemdp.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparsemdp.io.cassandra.CassandraReader;
import org.sparsemdp.io.drn.DrnReader;
import org.sparsemdp.io.mdp.MdpTextReader;
import org.sparsemdp.io.prism.PrismExplicitReader;
import org.sparsemdp.model.HeapCheck;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;

/**
 * Bounded memory and time on hostile input (issue 19): endless lines, long tokens, byte order
 * marks, UTF-16, terminal escapes, decompression bombs, truncated compressed files.
 */
class SafeInputTest {
    private static final String MODEL = "mdp 1\nstates 2\nobjective min\ndiscount 0.5\n0 a 1 1:1\n1 b 2 0:0.5 1:0.5\n";

    /**
     * An endless stream: {@code prefix}, then {@code fill} forever (like {@code /dev/zero}); counts
     * the bytes handed out so a test can check the reader stopped near its limit.
     */
    static final class Endless extends InputStream {
        private final byte[] prefix;
        private final byte fill;
        long served;

        Endless(String prefix, char fill) {
            this.prefix = prefix.getBytes(StandardCharsets.US_ASCII);
            this.fill = (byte) fill;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            read(one, 0, 1);
            return one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                b[off + i] = served + i < prefix.length ? prefix[(int) (served + i)] : fill;
            }
            served += len;
            return len;
        }
    }

    @Test
    void anEndlessLineIsAFileLineErrorAfterReadingAboutTheLimit() {
        for (int limit : new int[] {1024, 100_000}) {
            Endless in = new Endless("mdp 1\nstates 2\n", '7');
            LineScanner sc = new LineScanner(in, "endless.mdp").maxLineBytes(limit);
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> {
                while (sc.nextLine()) {
                    // the third line never ends
                }
            });
            assertEquals(3, e.line(), e.getMessage());
            assertTrue(e.getMessage().startsWith("endless.mdp:3: line longer than " + limit + " bytes"), e.getMessage());
            assertTrue(in.served <= limit + 2 * (1 << 16), "read " + in.served + " bytes for a limit of " + limit);
        }
    }

    @Test
    void everyTextReaderStopsAnEndlessLineAtTheDefaultLimit() {
        long limit = LineScanner.MAX_LINE_BYTES;
        assertEquals(64 << 20, limit, "the documented default");
        Map<String, ThrowingReader> readers = new HashMap<>();
        readers.put("mdp", in -> MdpTextReader.read(in, "x"));
        readers.put("drn", in -> DrnReader.read(in, "x"));
        readers.put("cassandra", in -> CassandraReader.read(in, "x", false));
        readers.put("tra", in -> PrismExplicitReader.readTransitions(in, "x"));
        readers.put("lab", in -> PrismExplicitReader.readLabels(in, "x", 3, new HashMap<String, BitSet>()));
        for (Map.Entry<String, ThrowingReader> r : readers.entrySet()) {
            Endless in = new Endless("", '1');
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> r.getValue().read(in), r.getKey());
            assertTrue(e.getMessage().startsWith("x:1: line longer than " + limit), r.getKey() + ": " + e.getMessage());
            assertTrue(in.served <= limit + (1 << 20), r.getKey() + " read " + in.served);
        }
    }

    @FunctionalInterface
    interface ThrowingReader {
        void read(InputStream in) throws IOException;
    }

    @Test
    void aTokenLongerThanTheTokenLimitIsRefused() {
        String label = "a".repeat(LineScanner.MAX_TOKEN_BYTES + 1);
        String text = "mdp 1\nstates 1\nobjective min\n0 " + label + " 1 0:1\n";
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> MdpTextReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), "t.mdp"));
        assertTrue(e.getMessage().startsWith("t.mdp:4: "), e.getMessage());
        assertTrue(e.getMessage().contains("longer than " + LineScanner.MAX_TOKEN_BYTES + " bytes"), e.getMessage());
        assertTrue(e.getMessage().length() < 400, "the token is not echoed whole");
    }

    @Test
    void aUtf8ByteOrderMarkIsSkippedAndUtf16IsAClearError() throws IOException {
        Mdp plain = MdpTextReader.read(new ByteArrayInputStream(MODEL.getBytes(StandardCharsets.US_ASCII)), "p.mdp");
        byte[] bom = ("\uFEFF" + MODEL).getBytes(StandardCharsets.UTF_8);
        assertEquals(0xef, bom[0] & 0xff);
        Mdp withBom = MdpTextReader.read(new ByteArrayInputStream(bom), "bom.mdp");
        assertArrayEquals(plain.successorArray(), withBom.successorArray());
        assertArrayEquals(plain.probabilityArray(), withBom.probabilityArray(), 0.0);
        assertEquals(plain.discount(), withBom.discount());
        for (java.nio.charset.Charset utf16 : new java.nio.charset.Charset[] {StandardCharsets.UTF_16,
                StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE}) {
            ModelFormatException e = assertThrows(ModelFormatException.class,
                    () -> MdpTextReader.read(new ByteArrayInputStream(MODEL.getBytes(utf16)), "w.mdp"));
            assertTrue(e.getMessage().startsWith("w.mdp:1: the file is UTF-16"), utf16 + ": " + e.getMessage());
        }
    }

    @Test
    void tokensEchoedInErrorsHaveTheirControlCharactersEscaped() {
        String text = "mdp 1\nstates 1\nobjective \u001b[31mred\u0007\n";
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> MdpTextReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "e.mdp"));
        assertFalse(e.getMessage().chars().anyMatch(c -> c < 0x20), e.getMessage());
        assertTrue(e.getMessage().contains("\\e[31mred\\x07"), e.getMessage());
    }

    @Test
    void safeTextEscapesControlsAndBidiOverridesOnly() {
        assertEquals("plain ünïcode, label-1", SafeText.escape("plain ünïcode, label-1"));
        assertEquals("a\\nb\\tc\\rd\\ee\\x00f\\x7Fg\\x9Bh\\x{202E}i", SafeText.escape("a\nb\tc\rd\u001be\u0000f\u007fg\u009bh\u202ei"));
        assertEquals(null, SafeText.escape(null));
    }

    @Test
    void boundedLineReaderSplitsLikeBufferedReaderAndStopsEndlessLines() throws IOException {
        BoundedLineReader r = new BoundedLineReader(new StringReader("\uFEFFa,b\r\nc\rd\n\ne"), "s.csv");
        java.io.BufferedReader reference = new java.io.BufferedReader(new StringReader("a,b\r\nc\rd\n\ne"));
        String line;
        while ((line = reference.readLine()) != null) {
            assertEquals(line, r.readLine());
        }
        assertEquals(null, r.readLine());
        assertEquals(5, r.lineNumber());
        Endless endless = new Endless("state,action\n0,a\n", ',');
        BoundedLineReader b = new BoundedLineReader(new InputStreamReader(endless, StandardCharsets.US_ASCII), "z.csv", 5000);
        assertEquals("state,action", b.readLine());
        assertEquals("0,a", b.readLine());
        ModelFormatException e = assertThrows(ModelFormatException.class, b::readLine);
        assertTrue(e.getMessage().startsWith("z.csv:3: line longer than 5000 characters"), e.getMessage());
        assertTrue(endless.served < 5000 + (1 << 17), "read " + endless.served);
    }

    @Test
    void aPolicyFileWithoutNewlinesIsALineErrorNotAnOutOfMemoryError() {
        MdpBuilder builder = new MdpBuilder(1).objective(Objective.MINIMIZE).discount(0.5);
        builder.startChoice(0, "a", 1).addTransition(0, 1).finishChoice();
        Mdp mdp = builder.build();
        Endless zeros = new Endless("", '\0');
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> PolicyCsv.read(new InputStreamReader(zeros, StandardCharsets.UTF_8), "/dev/zero", mdp));
        assertTrue(e.getMessage().startsWith("/dev/zero:1: line longer than " + BoundedLineReader.MAX_LINE_CHARS),
                e.getMessage());
    }

    private static byte[] compress(String name, byte[] content, int copies) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = Compression.compressing(bytes, name)) {
            for (int i = 0; i < copies; i++) {
                out.write(content);
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void decompressionBeyondTheRatioIsRefusedEarly() throws IOException {
        byte[] newlines = new byte[1 << 20];
        java.util.Arrays.fill(newlines, (byte) '\n');
        for (String name : new String[] {"bomb.gz", "bomb.xz"}) {
            byte[] bomb = compress(name, newlines, 64); // 64 MiB of blank lines
            long ratio = (64L << 20) / bomb.length;
            assertTrue(ratio > 100, name + " compresses " + ratio + ":1");
            InputStream in = Compression.decompressing(new ByteArrayInputStream(bomb), name, 20, 1 << 20);
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> in.transferTo(OutputStream.nullOutputStream()));
            assertTrue(e.getMessage().startsWith(name + ": refusing to decompress further"), e.getMessage());
            // within the limits it reads everything
            InputStream ok = Compression.decompressing(new ByteArrayInputStream(bomb), name, ratio + 1, 1 << 20);
            assertEquals(64L << 20, ok.transferTo(OutputStream.nullOutputStream()));
        }
    }

    @Test
    void theDefaultGuardAcceptsAModelAndRefusesAZeroBomb() throws IOException {
        byte[] model = MODEL.getBytes(StandardCharsets.US_ASCII);
        for (String name : new String[] {"m.mdp.gz", "m.mdp.xz"}) {
            Mdp m = MdpTextReader.read(Compression.decompressing(new ByteArrayInputStream(compress(name, model, 1)), name), name);
            assertEquals(2, m.numStates());
        }
        byte[] zeros = new byte[1 << 20];
        byte[] bomb = compress("z.xz", zeros, 256); // 256 MiB of zeros in about 40 KB
        assertTrue(bomb.length * Compression.DEFAULT_MAX_DECOMPRESSION_RATIO + Compression.RATIO_FLOOR_BYTES < 256L << 20,
                "a bomb beyond the default ratio: " + bomb.length + " bytes");
        InputStream in = Compression.decompressing(new ByteArrayInputStream(bomb), "z.xz");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> in.transferTo(OutputStream.nullOutputStream()));
        assertTrue(e.getMessage().contains("refusing to decompress further"), e.getMessage());
    }

    @Test
    void aTruncatedXzFileSaysSo() throws IOException {
        byte[] xz = compress("m.xz", MODEL.repeat(50).getBytes(StandardCharsets.US_ASCII), 1);
        for (int cut : new int[] {xz.length / 2, xz.length - 3, 8}) {
            byte[] truncated = java.util.Arrays.copyOf(xz, cut);
            IOException e = assertThrows(IOException.class, () -> Compression
                    .decompressing(new ByteArrayInputStream(truncated), "t.xz").transferTo(OutputStream.nullOutputStream()));
            assertTrue(e instanceof ModelFormatException, e.toString());
            assertTrue(e.getMessage().startsWith("t.xz: corrupt or truncated xz data"), e.getMessage());
            assertFalse(e.getMessage().contains("null"), e.getMessage());
        }
    }

    @Test
    void countsThatCannotFitInTheHeapAreRefusedWithTheHeapNeeded() throws ModelFormatException {
        long choices = 1_000_000_000L;
        long transitions = 2_000_000_000L;
        long bytes = DeclaredCapacity.BYTES_PER_CHOICE * choices + DeclaredCapacity.BYTES_PER_TRANSITION * transitions;
        assumeTrue(Runtime.getRuntime().maxMemory() < bytes, "a heap of more than 44 GB");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> DeclaredCapacity.reserve(
                new MdpBuilder(1), choices, transitions, choices, transitions, "big.mdp"));
        assertEquals(bytes >> 20, HeapCheck.neededMiB(e.getMessage()), e.getMessage());
        assertTrue(e.getMessage().startsWith("big.mdp: "), e.getMessage());
        // without a source (the old contract) the reservation is only skipped
        assertFalse(DeclaredCapacity.reserve(new MdpBuilder(1), choices, transitions, choices, transitions));
        assertEquals(-1, HeapCheck.neededMiB("x.mdp:3: expected a number"));
    }
}
