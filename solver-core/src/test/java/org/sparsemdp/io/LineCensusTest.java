package org.sparsemdp.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sparsemdp.io.drn.DrnReader;
import org.sparsemdp.io.drn.DrnWriter;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;

/** The first pass of the text readers counts exactly the choices and transitions they build. */
class LineCensusTest {
    private static final LineCensus DRN = new LineCensus("@model", "a", "0123456789");

    private static long[] census(String text, int buffer) throws IOException {
        return DRN.of(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), buffer);
    }

    @Test
    void countsActionAndTransitionLinesAfterModelOnly() throws IOException {
        // header lines that start like body lines ("actions" as a reward model name, digits after
        // @nr_states) must not be counted; "@model" may be split across buffers anywhere
        String text = "// a comment\n@type: MDP\n@value_type: double\n@parameters\n\n@reward_models\nactions 2nd\n"
                + "@nr_states\n3\n@nr_choices\n3\n@model\nstate 0 [1, 2] init\n\taction a [0, 0.5]\n\t\t1 : 0.5\n"
                + "\t\t2 : 1/2\n\n\taction __NOLABEL__ [3, 0]\r\n  0 : 1\nstate 1\n// 5 : 1\n\taction b\n\t\t1 : 1\n"
                + "state 2 [0, 0]";
        for (int buffer : new int[] {1, 2, 3, 5, 7, 8, 9, 16, 63, 1 << 20}) {
            assertArrayEquals(new long[] {3, 4}, census(text, buffer), "buffer " + buffer);
        }
        DrnReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "m.drn"); // it is valid
    }

    @Test
    void withoutModelSectionCountsNothing() throws IOException {
        assertNull(census("@type: MDP\n@nr_states\n1\n1 : 1\naction a\n", 4));
    }

    @Test
    void agreesWithWrittenRandomModels() throws IOException {
        Random rnd = new Random(5);
        for (int round = 0; round < 10; round++) {
            int n = 50 + rnd.nextInt(200);
            MdpBuilder b = new MdpBuilder(n);
            for (int s = 0; s < n; s++) {
                for (int a = rnd.nextInt(4); a > 0; a--) {
                    int k = 1 + rnd.nextInt(6);
                    b.startChoice(s, "a" + a, rnd.nextDouble());
                    for (int i = 0; i < k; i++) {
                        b.addTransition((s + 3 * i + 1) % n, 1.0 / k);
                    }
                    b.finishChoice();
                }
            }
            Mdp mdp = b.build();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DrnWriter.write(LoadedModel.of(mdp), out);
            long[] c = DRN.of(new ByteArrayInputStream(out.toByteArray()), 1 + rnd.nextInt(100));
            assertArrayEquals(new long[] {mdp.numChoices(), mdp.numTransitions()}, c);
        }
    }

    @Test
    void agreesWithALineByLineCountOnRandomBytes() throws IOException {
        // lines made of bytes near '\n' (0x0B follows it in a word: the borrow trap of the usual
        // SWAR zero test), blanks, class bytes and others, read with buffers of every small size
        LineCensus census = new LineCensus(null, "T", "ab");
        byte[] alphabet = {'\n', '\n', ' ', '\t', '\r', 0x0b, 0x09, 'T', 'a', 'b', 'x', '0', (byte) 0x8a};
        Random rnd = new Random(8);
        for (int round = 0; round < 300; round++) {
            byte[] text = new byte[rnd.nextInt(200)];
            for (int i = 0; i < text.length; i++) {
                text[i] = alphabet[rnd.nextInt(alphabet.length)];
            }
            long[] expected = new long[2];
            for (String line : new String(text, StandardCharsets.ISO_8859_1).split("\n", -1)) {
                String t = line.replaceFirst("^[ \t\r]*", "");
                if (!t.isEmpty() && t.charAt(0) == 'T') {
                    expected[0]++;
                } else if (!t.isEmpty() && (t.charAt(0) == 'a' || t.charAt(0) == 'b')) {
                    expected[1]++;
                }
            }
            int buffer = 1 + rnd.nextInt(40);
            assertArrayEquals(expected, census.of(new ByteArrayInputStream(text), buffer), "round " + round);
        }
    }
}
