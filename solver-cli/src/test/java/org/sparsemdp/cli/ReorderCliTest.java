package org.sparsemdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemdp.testing.SeedModels;

/** {@code solve --reorder} and the sequential-only {@code sor}. */
class ReorderCliTest {
    private static final Path FOREST = Path.of("../datasets/forest/forest.mdp");

    @Test
    void reorderedSolvesReportTheFilesNumbering(@TempDir Path dir) throws IOException {
        Path plainCsv = dir.resolve("plain.csv");
        CliTest.Run plain = CliTest.run("solve", FOREST.toString(), "--method", "gs", "--epsilon", "1e-10",
                "--output", plainCsv.toString());
        assertEquals(0, plain.code(), plain.err());
        List<String> expected = Files.readAllLines(plainCsv);
        for (String ordering : new String[] {"bfs", "rcm"}) {
            Path csv = dir.resolve(ordering + ".csv");
            CliTest.Run r = CliTest.run("solve", FOREST.toString(), "--method", "gs", "--epsilon", "1e-10",
                    "--reorder", ordering, "--output", csv.toString());
            assertEquals(0, r.code(), r.err());
            List<String> lines = Files.readAllLines(csv);
            assertEquals(expected.size(), lines.size());
            for (int i = 1; i < lines.size(); i++) {
                String[] want = expected.get(i).split(",");
                String[] got = lines.get(i).split(",");
                assertEquals(want[0], got[0], ordering);
                assertEquals(Double.parseDouble(want[1]), Double.parseDouble(got[1]), 1e-9, ordering + " " + lines.get(i));
                assertEquals(SeedModels.FOREST_OPTIMAL[i - 1], Double.parseDouble(got[1]), 1e-9, ordering);
                assertEquals(want.length > 2 ? want[2] : "", got.length > 2 ? got[2] : "", ordering);
            }
        }
    }

    @Test
    void unknownOrderingsAndThreadedSorAreRejectedWithAClearMessage() {
        CliTest.Run r = CliTest.run("solve", FOREST.toString(), "--reorder", "dfs");
        assertEquals(SparseMdpCli.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("unknown state ordering 'dfs'"), r.err());
        r = CliTest.run("solve", FOREST.toString(), "--method", "sor", "--threads", "2");
        assertEquals(SparseMdpCli.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("'sor' is sequential"), r.err());
    }
}
