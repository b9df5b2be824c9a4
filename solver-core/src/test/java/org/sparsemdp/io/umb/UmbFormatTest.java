package org.sparsemdp.io.umb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparsemdp.io.umb.UmbFixtures.doubles;
import static org.sparsemdp.io.umb.UmbFixtures.tar;
import static org.sparsemdp.io.umb.UmbFixtures.uint64;
import static org.sparsemdp.io.umb.UmbFixtures.utf8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparsemdp.io.Compression;
import org.sparsemdp.io.ModelFormatException;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.testing.RandomMdps;

class UmbFormatTest {
    static Mdp read(byte[] umb) throws IOException {
        return read(umb, UmbOptions.defaults());
    }

    static Mdp read(byte[] umb, UmbOptions options) throws IOException {
        return UmbReader.read(new ByteArrayInputStream(umb), "t.umb", options);
    }

    static byte[] write(Mdp mdp) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        UmbWriter.write(mdp, out);
        return out.toByteArray();
    }

    static ModelFormatException readError(byte[] umb) {
        return assertThrows(ModelFormatException.class, () -> read(umb));
    }

    static void assertSameModel(Mdp a, Mdp b) {
        assertEquals(a.numStates(), b.numStates());
        assertEquals(a.objective(), b.objective());
        assertEquals(a.discount(), b.discount(), 0.0);
        assertArrayEquals(a.initialStates(), b.initialStates());
        assertArrayEquals(a.choiceStartArray(), b.choiceStartArray());
        assertArrayEquals(a.transitionStartArray(), b.transitionStartArray());
        assertArrayEquals(a.successorArray(), b.successorArray());
        assertArrayEquals(a.probabilityArray(), b.probabilityArray(), 0.0);
        assertArrayEquals(a.rewardArray(), b.rewardArray(), 0.0);
        assertArrayEquals(a.actionIndexArray(), b.actionIndexArray());
        assertEquals(a.actionLabels(), b.actionLabels());
    }

    /** The PRISM model of the specification's example, built by hand. */
    static Mdp specExampleModel() {
        MdpBuilder b = new MdpBuilder(4).objective(Objective.MINIMIZE).initialStates(0);
        b.addChoice(0, "a", 0, new int[] {1, 2}, new double[] {0.5, 0.5});
        b.addChoice(0, "b", 1, new int[] {2, 3}, new double[] {0.2, 0.8});
        b.addChoice(1, "a", 0, new int[] {0, 1}, new double[] {0.9, 0.1});
        b.addChoice(2, "a", 0, new int[] {2}, new double[] {1});
        b.addChoice(3, "a", 0, new int[] {3}, new double[] {1});
        return b.build();
    }

    @Test
    void readsTheSpecificationExample() throws IOException {
        Mdp mdp = read(tar(UmbFixtures.specExample()));
        assertSameModel(specExampleModel(), mdp);
        assertEquals(List.of("a", "b"), mdp.actionLabels());
    }

    @Test
    void entriesBeforeTheIndexAreBuffered() throws IOException {
        Map<String, byte[]> files = UmbFixtures.specExample();
        Map<String, byte[]> reordered = new LinkedHashMap<>();
        files.forEach((k, v) -> {
            if (!k.equals("index.json")) {
                reordered.put("./" + k, v);
            }
        });
        reordered.put("index.json", files.get("index.json"));
        assertSameModel(specExampleModel(), read(tar(reordered)));
    }

    @Test
    void duplicateAndUnsortedBranchesAreMerged() throws IOException {
        Map<String, byte[]> files = UmbFixtures.specExample();
        // choice 0: targets 2, 1, 2 with 0.25, 0.5, 0.25, plus a zero-probability branch to 3
        files.put("index.json", utf8(new String(files.get("index.json"), StandardCharsets.UTF_8)
                .replace("\"#branches\": 8", "\"#branches\": 10")));
        files.put("choice-to-branches.bin", uint64(0, 4, 6, 8, 9, 10));
        files.put("branch-to-target.bin", uint64(2, 1, 2, 3, 2, 3, 0, 1, 2, 3));
        files.put("branch-to-probability.bin", doubles(0.25, 0.5, 0.25, 0.0, 0.2, 0.8, 0.9, 0.1, 1.0, 1.0));
        assertSameModel(specExampleModel(), read(tar(files)));
    }

    @Test
    void aDtmcWithoutChoiceEntriesHasOneChoicePerState() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("index.json", utf8("{\"format-version\": 1, \"format-revision\": 0, \"transition-system\": {"
                + "\"time\": \"discrete\", \"#players\": 0, \"#states\": 2, \"#initial-states\": 1, \"#choices\": 2,"
                + " \"#choice-actions\": 0, \"#branches\": 3, \"#branch-actions\": 0, \"#observations\": 0,"
                + " \"branch-probability-type\": {\"type\": \"double\"}},"
                + " \"annotations\": {\"rewards\": {\"t\": {\"applies-to\": [\"states\", \"branches\"],"
                + " \"type\": {\"type\": \"double\"}}}}}"));
        files.put("choice-to-branches.bin", uint64(0, 2, 3));
        files.put("branch-to-target.bin", uint64(0, 1, 1));
        files.put("branch-to-probability.bin", doubles(0.25, 0.75, 1.0));
        files.put("state-is-initial.bin", uint64(2));
        files.put("annotations/rewards/t/states/values.bin", doubles(1.0, 2.0));
        files.put("annotations/rewards/t/branches/values.bin", doubles(4.0, 8.0, 16.0));
        Mdp mdp = read(tar(files));
        assertArrayEquals(new int[] {0, 1, 2}, mdp.choiceStartArray());
        // state reward + expected branch reward: 1 + 0.25*4 + 0.75*8 = 8; 2 + 16 = 18
        assertArrayEquals(new double[] {8.0, 18.0}, mdp.rewardArray(), 0.0);
        assertArrayEquals(new int[] {1}, mdp.initialStates());
        assertEquals(-1, mdp.actionIndex(0));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void writeThenReadGivesIdenticalArrays(long seed) throws IOException {
        Mdp mdp = RandomMdps.random(seed, 200, 4, 6, 0.97, seed % 2 == 0 ? Objective.MINIMIZE : Objective.MAXIMIZE,
                0.1).withInitialStates(3, 17);
        assertSameModel(mdp, read(write(mdp)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"m.umb", "m.umb.gz", "m.umb.xz"})
    void compressedFilesAreDetectedByTheirMagicBytes(String name, @TempDir Path dir) throws IOException {
        Mdp mdp = RandomMdps.random(9, 50, 3, 4, 0.9, Objective.MAXIMIZE);
        Path file = dir.resolve(name);
        try (OutputStream out = Compression.compressing(Files.newOutputStream(file), name)) {
            UmbWriter.write(mdp, out);
        }
        Path renamed = dir.resolve("renamed.bin");
        Files.move(file, renamed);
        assertSameModel(mdp, UmbReader.read(renamed));
    }

    /** GNU tar (pax and gnu formats) is an independent producer and consumer of the archives. */
    @ParameterizedTest
    @ValueSource(strings = {"pax", "gnu", "ustar"})
    void interoperatesWithGnuTar(String format, @TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tar")), "GNU tar not available");
        Path src = dir.resolve("src");
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : UmbFixtures.specExample().entrySet()) {
            Path p = src.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, e.getValue());
            names.add(e.getKey());
        }
        Path archive = dir.resolve("x.umb");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/tar", "--format=" + format, "-czf", archive.toString(),
                "-C", src.toString()));
        cmd.addAll(names);
        assertEquals(0, new ProcessBuilder(cmd).inheritIO().start().waitFor());
        assertSameModel(specExampleModel(), UmbReader.read(archive));

        // and GNU tar extracts what the writer produced, byte for byte as the specification lays out
        Path mine = dir.resolve("mine.umb");
        Files.write(mine, write(specExampleModel()));
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        assertEquals(0, new ProcessBuilder("/usr/bin/tar", "-xf", mine.toString(), "-C", out.toString())
                .inheritIO().start().waitFor());
        assertArrayEquals(uint64(0, 2, 3, 4, 5), Files.readAllBytes(out.resolve("state-to-choices.bin")));
        assertArrayEquals(uint64(0, 2, 4, 6, 7, 8), Files.readAllBytes(out.resolve("choice-to-branches.bin")));
        assertArrayEquals(uint64(1, 2, 2, 3, 0, 1, 2, 3), Files.readAllBytes(out.resolve("branch-to-target.bin")));
        assertArrayEquals(doubles(0.5, 0.5, 0.2, 0.8, 0.9, 0.1, 1.0, 1.0),
                Files.readAllBytes(out.resolve("branch-to-probability.bin")));
        assertArrayEquals(uint64(1), Files.readAllBytes(out.resolve("state-is-initial.bin")));
        assertArrayEquals(UmbFixtures.uint32(0, 1, 0, 0, 0),
                Files.readAllBytes(out.resolve("actions/choices/values.bin")));
        assertArrayEquals(uint64(0, 1, 2), Files.readAllBytes(out.resolve("actions/choices/string-mapping.bin")));
        assertArrayEquals(utf8("ab"), Files.readAllBytes(out.resolve("actions/choices/strings.bin")));
        assertArrayEquals(doubles(0.0, 1.0, 0.0, 0.0, 0.0),
                Files.readAllBytes(out.resolve("annotations/rewards/reward/choices/values.bin")));
    }

    @Test
    void rewardAndObjectiveOptions() throws IOException {
        Map<String, byte[]> files = UmbFixtures.specExample();
        assertThrows(ModelFormatException.class, () -> read(tar(files), UmbOptions.defaults().reward("nope")));
        Mdp mdp = read(tar(files), UmbOptions.defaults().reward("r").objective(Objective.MAXIMIZE).discount(0.5));
        assertEquals(Objective.MAXIMIZE, mdp.objective());
        assertEquals(0.5, mdp.discount(), 0.0);
        assertEquals(1.0, mdp.reward(1), 0.0);
    }

    // ---- hostile and broken input ----

    /** Offset of the data of {@code entry} in the archive made by {@link UmbFixtures#tar}. */
    static long dataOffset(Map<String, byte[]> files, String entry) {
        long off = 0;
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            off += 512;
            if (e.getKey().equals(entry)) {
                return off;
            }
            off += (e.getValue().length + 511) / 512 * 512;
        }
        throw new AssertionError(entry);
    }

    @Test
    void everyTruncationIsAnErrorWithAnOffset() throws IOException {
        byte[] whole = tar(UmbFixtures.specExample());
        for (int len = 0; len < whole.length - 1024; len += 7) {
            byte[] cut = java.util.Arrays.copyOf(whole, len);
            ModelFormatException e = readError(cut);
            assertTrue(e.getMessage().startsWith("t.umb"), e.getMessage());
        }
    }

    @Test
    void aLyingArraySizeIsReportedAtTheEntry() {
        Map<String, byte[]> files = UmbFixtures.specExample();
        files.put("branch-to-target.bin", uint64(1, 2, 2, 3, 0, 1, 2)); // 7 targets, index says 8 branches
        ModelFormatException e = readError(tar(files));
        assertEquals("t.umb@" + dataOffset(files, "branch-to-target.bin") + ": entry branch-to-target.bin has 56"
                + " bytes, but index.json implies 64 (8 uint64 values)", e.getMessage());
    }

    @Test
    void anEntryClaimingATerabyteIsTruncatedNotAllocated() {
        Map<String, byte[]> files = new LinkedHashMap<>(UmbFixtures.specExample());
        byte[] archive = tar(files);
        // forge the header of valuations.bin (not used, so it is skipped) to claim 10^12 bytes
        int h = (int) dataOffset(files, "valuations/states/valuations.bin") - 512;
        byte[] forged = UmbFixtures.header("valuations/states/valuations.bin", 1_000_000_000_000L);
        System.arraycopy(forged, 0, archive, h, 512);
        ModelFormatException e = readError(archive);
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        // the same lie on a used entry is caught by the size check before any allocation
        archive = tar(files);
        h = (int) dataOffset(files, "branch-to-target.bin") - 512;
        System.arraycopy(UmbFixtures.header("branch-to-target.bin", 1_000_000_000_000L), 0, archive, h, 512);
        e = readError(archive);
        assertEquals("t.umb@" + (h + 512) + ": entry branch-to-target.bin has 1000000000000 bytes, but index.json"
                + " implies 64 (8 uint64 values)", e.getMessage());
    }

    @Test
    void aHugeDeclaredModelIsRefusedBeforeAllocation() {
        Map<String, byte[]> files = UmbFixtures.specExample();
        files.put("index.json", utf8(new String(files.get("index.json"), StandardCharsets.UTF_8)
                .replace("\"#branches\": 8", "\"#branches\": 2000000000")));
        ModelFormatException e = readError(tar(files));
        assertTrue(e.getMessage().startsWith("t.umb@512: index.json:"), e.getMessage());
    }

    @Test
    void badHeaderChecksumIsReported() {
        byte[] archive = tar(UmbFixtures.specExample());
        archive[0] ^= 1;
        ModelFormatException e = readError(archive);
        assertTrue(e.getMessage().startsWith("t.umb@0: bad tar header checksum"), e.getMessage());
    }

    @Test
    void invalidArraysAreReportedAtTheirOffset() {
        Map<String, byte[]> files = UmbFixtures.specExample();
        files.put("choice-to-branches.bin", uint64(0, 2, 1, 6, 7, 8));
        ModelFormatException e = readError(tar(files));
        assertTrue(e.getMessage().startsWith("t.umb@" + (dataOffset(files, "choice-to-branches.bin") + 16)
                + ": choice-to-branches.bin: offsets decrease"), e.getMessage());

        files = UmbFixtures.specExample();
        files.put("branch-to-target.bin", uint64(1, 2, 2, 3, 0, 4, 2, 3));
        e = readError(tar(files));
        assertTrue(e.getMessage().startsWith("t.umb@" + (dataOffset(files, "branch-to-target.bin") + 40)
                + ": branch-to-target.bin[5]: target state 4 out of range 0..3"), e.getMessage());

        files = UmbFixtures.specExample();
        files.put("branch-to-target.bin", uint64(1, 2, 2, 3, 0, -1, 2, 3));
        e = readError(tar(files));
        assertTrue(e.getMessage().contains("18446744073709551615 out of range"), e.getMessage());

        files = UmbFixtures.specExample();
        files.put("branch-to-probability.bin", doubles(0.5, 0.5, 0.2, 0.8, 0.9, Double.NaN, 1.0, 1.0));
        e = readError(tar(files));
        assertTrue(e.getMessage().startsWith("t.umb@" + (dataOffset(files, "branch-to-probability.bin") + 40)),
                e.getMessage());

        files = UmbFixtures.specExample();
        files.put("branch-to-probability.bin", doubles(0.5, 0.5, 0.2, 0.7, 0.9, 0.1, 1.0, 1.0));
        e = readError(tar(files));
        assertTrue(e.getMessage().contains("state 0, choice 1") && e.getMessage().contains("sum to 0.89"),
                e.getMessage());
    }

    @Test
    void badIndexFilesAreReported() {
        Map<String, byte[]> files = UmbFixtures.specExample();
        files.put("index.json", utf8("{\"format-version\": 1, "));
        ModelFormatException truncated = readError(tar(files));
        assertTrue(truncated.getMessage().startsWith("t.umb@512: index.json:1: column 23: expected a quoted member name"),
                truncated.getMessage());
        files.put("index.json", utf8("[".repeat(100_000)));
        assertTrue(readError(tar(files)).getMessage().contains("index.json:1: column 65: nesting deeper than 64"));
        files.put("index.json", utf8("{\"format-version\": 2}"));
        assertTrue(readError(tar(files)).getMessage().contains("format-version 2"));
        files.remove("index.json");
        assertTrue(readError(tar(files)).getMessage().contains("no index.json"));
        assertTrue(readError(new byte[0]).getMessage().contains("truncated"));
        assertTrue(readError(new byte[1024]).getMessage().contains("empty tar archive"));
        assertTrue(readError("hello, this is not a tar file".getBytes(StandardCharsets.US_ASCII)).getMessage()
                .contains("truncated tar header"));
    }

    @Test
    void pomdpsNeedTheExplicitOption() throws IOException {
        Map<String, byte[]> files = UmbFixtures.specExample();
        files.put("index.json", utf8(new String(files.get("index.json"), StandardCharsets.UTF_8)
                .replace("\"#observations\": 0", "\"#observations\": 2")));
        assertTrue(readError(tar(files)).getMessage().contains("POMDP"));
        assertSameModel(specExampleModel(), read(tar(files), UmbOptions.defaults().underlyingMdpOfPomdp(true)));
    }
}
