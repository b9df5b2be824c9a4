package org.sparsemdp.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemdp.model.DeterministicPolicy;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.Solvers;
import org.sparsemdp.testing.SeedModels;

/** {@link SolutionCsv}: the columns of {@code solve --output}, read back by {@link PolicyCsv}, written atomically. */
class SolutionCsvTest {
    @Test
    void forestSolutionWithBoundsBracketsTheSeedValuesAndReadsBackAsItsPolicy(@TempDir Path dir) throws IOException {
        Mdp forest = SeedModels.forest();
        Solution sol = Solvers.byName("vi").solve(forest, SolverOptions.builder().epsilon(1e-6).build());
        Path csv = dir.resolve("forest.csv");
        SolutionCsv.write(csv, forest, sol, true);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("state,value,lower,upper,action", lines.get(0));
        assertEquals(4, lines.size());
        for (int s = 0; s < 3; s++) {
            String[] f = lines.get(s + 1).split(",");
            assertEquals(String.valueOf(s), f[0]);
            assertEquals(sol.value(s), Double.parseDouble(f[1])); // exact: shortest round-trip form
            double lower = Double.parseDouble(f[2]);
            double upper = Double.parseDouble(f[3]);
            // the pymdptoolbox forest optimum lies within the written bounds
            assertTrue(lower <= SeedModels.FOREST_OPTIMAL[s] && SeedModels.FOREST_OPTIMAL[s] <= upper, lines.get(s + 1));
            assertEquals("wait", f[4]);
        }
        DeterministicPolicy read = (DeterministicPolicy) PolicyCsv.read(csv, forest);
        for (int s = 0; s < 3; s++) {
            assertEquals(sol.policy()[s], read.choice(s));
        }
    }

    @Test
    void withoutBoundsTheColumnsAreThoseOfSolveOutput() throws IOException {
        Mdp inventory = SeedModels.inventory();
        Solution sol = Solvers.byName("pi").solve(inventory, SolverOptions.builder().epsilon(1e-9).build());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SolutionCsv.write(out, inventory, sol, false);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("state,value,action", lines[0]);
        for (int s = 0; s < 4; s++) {
            String[] f = lines[s + 1].split(",");
            assertEquals(SeedModels.INVENTORY_OPTIMAL[s], Double.parseDouble(f[1]), 1e-9);
            assertEquals(SeedModels.INVENTORY_POLICY[s], f[2]); // the seed lab's optimal actions, by label
        }
    }

    @Test
    void labelsWithCommasAndQuotesAreQuotedAndReadBack() throws IOException {
        MdpBuilder b = new MdpBuilder(3).discount(0.9).objective(Objective.MAXIMIZE);
        b.addChoice(0, "left, then up", 1, new int[] {1}, new double[] {1});
        b.addChoice(0, "say \"hi\"", 2, new int[] {2}, new double[] {1});
        b.addChoice(1, "stay, idle", 0, new int[] {1}, new double[] {1});
        Mdp mdp = b.build(); // state 2 is terminal
        int[] choices = {1, 2, -1};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SolutionCsv.write(out, mdp, "value", new double[] {2, 0, 0}, null, null, choices);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals("state,value,action\n0,2.0,\"say \"\"hi\"\"\"\n1,0.0,\"stay, idle\"\n2,0.0,\n", text);
        DeterministicPolicy read = (DeterministicPolicy) PolicyCsv.read(new java.io.StringReader(text), "t", mdp);
        assertArrayEquals(choices, new int[] {read.choice(0), read.choice(1), read.choice(2)});
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("values.csv");
        Files.writeString(csv, "old\n");
        Solution forestSolution = Solvers.byName("vi").solve(SeedModels.forest(), SolverOptions.defaults());
        // the inventory model has 4 states, the forest solution 3: refused after the temporary file was opened
        assertThrows(IllegalArgumentException.class,
                () -> SolutionCsv.write(csv, SeedModels.inventory(), forestSolution, false));
        assertEquals("old\n", Files.readString(csv));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(csv), files.toList());
        }
    }

    @Test
    void compressedByName(@TempDir Path dir) throws IOException {
        Mdp forest = SeedModels.forest();
        Solution sol = Solvers.byName("gs").solve(forest, SolverOptions.defaults());
        Path gz = dir.resolve("forest.csv.gz");
        SolutionCsv.write(gz, forest, sol, false);
        try (InputStream in = Files.newInputStream(gz)) {
            assertEquals(0x1f, in.read()); // gzip magic
        }
        DeterministicPolicy read = (DeterministicPolicy) PolicyCsv.read(gz, forest);
        assertEquals(sol.policy()[0], read.choice(0));
    }
}
