package org.sparsemdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemdp.io.ModelFormats;
import org.sparsemdp.io.SolutionCsv;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.Solvers;
import org.sparsemdp.testing.SeedModels;

/** The library's {@link SolutionCsv} and {@code solve --output} write files that {@code evaluate --policy} reads. */
class SolutionCsvCliTest {
    private static final Path INVENTORY = Path.of("../datasets/inventory/inventory.mdp");

    @Test
    void libraryCsvWithBoundsRoundTripsThroughEvaluatePolicy(@TempDir Path dir) throws IOException {
        Mdp mdp = ModelFormats.read(INVENTORY).mdp();
        Solution sol = Solvers.byName("mpi").solve(mdp, SolverOptions.builder().epsilon(1e-9).build());
        Path policy = dir.resolve("policy.csv");
        SolutionCsv.write(policy, mdp, sol, true);
        assertEvaluatesToTheSeedOptimum(policy, dir.resolve("values.csv"));
    }

    @Test
    void solveOutputRoundTripsThroughEvaluatePolicy(@TempDir Path dir) throws IOException {
        Path policy = dir.resolve("solved.csv");
        CliTest.Run r = CliTest.run("solve", INVENTORY.toString(), "--epsilon", "1e-9", "--output", policy.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("state,value,action", Files.readAllLines(policy).get(0));
        assertEvaluatesToTheSeedOptimum(policy, dir.resolve("values.csv"));
    }

    /** The optimal policy of the seed lab evaluates to the lab's optimal values (1290/49, ...). */
    private static void assertEvaluatesToTheSeedOptimum(Path policy, Path values) throws IOException {
        CliTest.Run r = CliTest.run("evaluate", INVENTORY.toString(), "--policy", policy.toString(), "--output",
                values.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(values);
        assertEquals("state,value,action", lines.get(0));
        for (int s = 0; s < 4; s++) {
            String[] f = lines.get(s + 1).split(",");
            assertEquals(SeedModels.INVENTORY_OPTIMAL[s], Double.parseDouble(f[1]), 1e-7, lines.get(s + 1));
            assertEquals(SeedModels.INVENTORY_POLICY[s], f[2]);
        }
    }
}
