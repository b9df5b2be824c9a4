package org.sparsemdp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest {
    private static final Path INVENTORY = Path.of("../datasets/inventory/inventory.mdp");
    private static final Path TIGER = Path.of("/work/shared/data/external/cassandra_pomdp_examples/tiger.95.POMDP");

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SparseMdpCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void mdpToUmbToMdpIsLossless(@TempDir Path dir) throws IOException {
        Path canonical = dir.resolve("canonical.mdp");
        Path umb = dir.resolve("inv.umb.gz");
        Path back = dir.resolve("back.mdp");
        assertEquals(0, run("convert", INVENTORY.toString(), canonical.toString()).code());
        Run r = run("convert", INVENTORY.toString(), umb.toString());
        assertEquals(0, r.code(), r.err());
        r = run("convert", umb.toString(), back.toString());
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(Files.readAllBytes(canonical), Files.readAllBytes(back));
    }

    @Test
    void pomdpNeedsTheFlagAndThenSolves(@TempDir Path dir) throws IOException {
        Path umb = dir.resolve("tiger.umb.xz");
        Run r = run("convert", TIGER.toString(), umb.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(TIGER + ":8:") && r.err().contains("--pomdp-as-mdp"), r.err());
        r = run("convert", TIGER.toString(), umb.toString(), "--pomdp-as-mdp");
        assertEquals(0, r.code(), r.err());
        // the underlying MDP of the tiger problem: always open the safe door, V = 10 / (1 - 0.95) = 200
        Path renamed = dir.resolve("model.bin");
        Files.move(umb, renamed);
        r = run("solve", renamed.toString(), "--json", "--epsilon", "1e-9");
        assertEquals(0, r.code(), r.err());
        double v = Double.parseDouble(r.out().replaceAll("(?s).*\"initialValue\":([-0-9.Ee]+).*", "$1"));
        assertEquals(200.0, v, 1e-6);
    }

    @Test
    void failedConversionLeavesTheOldFileAndNoTemporaries(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("out.pomdp");
        Files.writeString(target, "precious");
        // the inventory model has different actions in different states: not expressible in Cassandra's format
        Run r = run("convert", INVENTORY.toString(), target.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("Cassandra"), r.err());
        assertEquals("precious", Files.readString(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
        Path broken = dir.resolve("broken.mdp");
        Files.writeString(broken, "mdp 1\nstates 2\nobjective min\n0 a 1 1:0.5\n");
        r = run("convert", broken.toString(), target.toString(), "--to", "umb");
        assertEquals(1, r.code());
        assertTrue(r.err().contains(broken + ":4:"), r.err());
        assertEquals("precious", Files.readString(target));
    }

    @Test
    void unknownOutputFormatIsAnError(@TempDir Path dir) {
        Run r = run("convert", INVENTORY.toString(), dir.resolve("x.txt").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--to"), r.err());
    }
}
