package org.sparsemdp.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemdp.model.Mdp;

/**
 * {@link ModelFormats#read(InputStream, String, String, String, ModelReadOptions)}: a stream read
 * once gives what the same file read by path gives (for PRISM: the transitions, since the label
 * and reward files beside a {@code .tra} are not part of its stream), in every format, with the
 * format named, told by the name, or told by the content alone; compressed or not.
 */
class ModelFormatsStreamTest {
    @TempDir
    Path dir;

    @Test
    void everyFormatReadsTheSameFromAStreamAsFromItsFile() throws IOException {
        LoadedModel labelled = ModelFormats.read(Path.of("../datasets/dice/two_dice.drn"));
        LoadedModel withoutTerminals = ModelFormats.read(Path.of("../datasets/forest/forest.mdp"));
        for (ModelFormat f : ModelFormats.all()) {
            LoadedModel dice = f == ModelFormats.CASSANDRA ? withoutTerminals : labelled; // Cassandra: no terminal states
            Path file = dir.resolve("dice" + f.suffixes().get(0));
            Set<ModelFeature> drop = FormatLosses.of(dice, f).keySet();
            ModelFormats.write(dice, file, f, drop);
            LoadedModel byPath = ModelFormats.read(file);
            for (String format : new String[] {f.name(), "auto"}) {
                for (String fileName : new String[] {file.getFileName().toString(), null}) {
                    LoadedModel byStream = ModelFormats.read(Files.newInputStream(file), "<stream>", fileName, format,
                            ModelReadOptions.DEFAULTS);
                    String what = f.name() + " as " + format + " named " + fileName;
                    assertSameTransitions(byPath.mdp(), byStream.mdp(), what);
                    if (f != ModelFormats.PRISM) { // rewards and labels are in the files beside a .tra
                        assertArrayEquals(byPath.mdp().rewardArray(), byStream.mdp().rewardArray(), what);
                        assertEquals(byPath.labelNames(), byStream.labelNames(), what);
                        assertEquals(byPath.rewardStructureNames(), byStream.rewardStructureNames(), what);
                        for (String l : byPath.labelNames()) {
                            assertEquals(byPath.label(l), byStream.label(l), what + " label " + l);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aCompressedStreamIsDecompressedAndToldByItsContent() throws IOException {
        String text = "mdp 1\nstates 2\nobjective min\n0 go 1.5 1:1\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        LoadedModel m = ModelFormats.read(new ByteArrayInputStream(bytes.toByteArray()), "<stdin>", null, null,
                ModelReadOptions.DEFAULTS);
        assertEquals(2, m.mdp().numStates());
        assertEquals(1.5, m.mdp().rewardArray()[0]);
        assertEquals(List.of(LoadedModel.withOwnRewards(m.mdp()).rewardStructureNames().get(0)),
                m.rewardStructureNames(), "the model's own rewards, as for a file");
    }

    @Test
    void contentThatTellsNothingIsAnUnknownFormatNamingTheInput() {
        UnknownFormatException e = assertThrows(UnknownFormatException.class, () -> ModelFormats.read(
                new ByteArrayInputStream("hello world\n".getBytes(StandardCharsets.UTF_8)), "<stdin>", null, "auto",
                ModelReadOptions.DEFAULTS));
        assertTrue(e.getMessage().startsWith("<stdin>: cannot tell the model format from the content"), e.getMessage());
        ModelFormatException bad = assertThrows(ModelFormatException.class, () -> ModelFormats.read(
                new ByteArrayInputStream("mdp 1\nstates 2\nobjective min\n0 go x 1:1\n".getBytes(StandardCharsets.UTF_8)),
                "<stdin>", null, "mdp", ModelReadOptions.DEFAULTS));
        assertTrue(bad.getMessage().startsWith("<stdin>:4"), bad.getMessage());
    }

    private static void assertSameTransitions(Mdp a, Mdp b, String what) {
        assertArrayEquals(a.choiceStartArray(), b.choiceStartArray(), what);
        assertArrayEquals(a.transitionStartArray(), b.transitionStartArray(), what);
        assertArrayEquals(a.successorArray(), b.successorArray(), what);
        assertArrayEquals(a.probabilityArray(), b.probabilityArray(), what);
    }
}
