package org.sparsemdp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemdp.generate.SeededGarnetGenerator;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.ValueIterationSolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 26: {@code generate garnet --storage compact} and {@code solve --storage compact} end to end. */
class CompactStorageCliTest {
    private static final ObjectMapper JACKSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void generatedCompactGarnetSolvesToTheDoubleModelsValues() throws Exception {
        Path file = dir.resolve("g.cmdp");
        CliTest.Run gen = CliTest.run("generate", "garnet", "-n", "3000", "--seed", "5", "--storage", "compact", "-o",
                file.toString());
        assertEquals(0, gen.code(), gen.err());
        assertTrue(gen.out().contains("9.000 bytes per transition"), gen.out());
        // the double model it was rounded from, solved independently over doubles
        Mdp doubles = SeededGarnetGenerator.generateBlockwise(3000, 4, 8, 0.99, 5);
        Solution reference = new ValueIterationSolver().solve(doubles, SolverOptions.builder().epsilon(1e-9).build());
        for (String method : new String[] {"vi", "gs"}) {
            CliTest.Run run = CliTest.run("solve", file.toString(), "-m", method, "--json", "--show", "3000");
            assertEquals(0, run.code(), run.err());
            JsonNode j = JACKSON.readTree(run.out());
            assertEquals("CONVERGED", j.get("status").asText());
            assertEquals("compact", j.get("storage").asText());
            assertEquals(9L * 96000 + 4, j.get("modelBytes").asLong());
            double bound = j.get("errorBound").asDouble();
            assertTrue(bound > 0 && bound <= 1e-6, "bound " + bound);
            for (int s = 0; s < 3000; s++) {
                assertTrue(Math.abs(j.get("values").get(s).asDouble() - reference.value(s))
                        <= bound + reference.errorBound(), method + " state " + s);
            }
        }
    }

    @Test
    void anyModelFileCanBeSolvedInCompactStorage() throws Exception {
        Path file = dir.resolve("g.mdp");
        assertEquals(0, CliTest.run("generate", "garnet", "-n", "500", "-o", file.toString()).code());
        JsonNode compact = JACKSON.readTree(CliTest.run("solve", file.toString(), "--storage", "compact", "--json").out());
        JsonNode doubles = JACKSON.readTree(CliTest.run("solve", file.toString(), "--json").out());
        assertEquals("compact", compact.get("storage").asText());
        assertTrue(Math.abs(compact.get("initialValue").asDouble() - doubles.get("initialValue").asDouble())
                <= compact.get("errorBound").asDouble() + doubles.get("errorBound").asDouble());
    }

    @Test
    void optionsThatDoNotApplyAreUsageErrors() throws Exception {
        Path file = dir.resolve("g.cmdp");
        assertEquals(0, CliTest.run("generate", "garnet", "-n", "50", "--storage", "compact", "-o", file.toString()).code());
        String[][] refused = {
            {"solve", file.toString(), "-m", "pi"},
            {"solve", file.toString(), "--reorder", "bfs"},
            {"solve", file.toString(), "-t", "2"},
            {"solve", file.toString(), "--storage", "double"},
            {"solve", file.toString(), "--storage", "tiny"},
            {"generate", "garnet", "-n", "50", "--storage", "compact", "-o", dir.resolve("x.mdp").toString()},
            {"generate", "garnet", "-n", "50", "--storage", "compact", "--embed-discount", "-o",
                dir.resolve("y.cmdp").toString()},
        };
        for (String[] args : refused) {
            CliTest.Run run = CliTest.run(args);
            assertEquals(2, run.code(), String.join(" ", args) + ": " + run.err());
            assertTrue(run.err().contains("--"), run.err());
        }
        assertTrue(Files.notExists(dir.resolve("x.mdp")) && Files.notExists(dir.resolve("y.cmdp")));
    }
}
