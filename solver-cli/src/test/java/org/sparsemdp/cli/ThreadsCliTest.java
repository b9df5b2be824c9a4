package org.sparsemdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemdp.testing.SeedModels;

/** {@code solve --threads}: honoured by vi and gs, refused as a usage error by everything sequential. */
class ThreadsCliTest {
    private static final Path FOREST = Path.of("../datasets/forest/forest.mdp");
    /** A file that does not exist: a refusal before reading the model never notices. */
    private static final String MISSING = "no-such-model.mdp";

    @Test
    void sequentialMethodsAreRefusedBeforeTheModelIsRead() {
        for (String method : new String[] {"sor", "topological", "pi", "mpi", "ii"}) {
            CliTest.Run r = CliTest.run("solve", MISSING, "--method", method, "--threads", "2");
            assertEquals(SparseMdpCli.EXIT_USAGE, r.code(), method + ": " + r.err());
            assertTrue(r.err().contains("--threads 2: method '" + method + "' is sequential"), r.err());
            assertFalse(r.err().contains("no such file"), r.err());
        }
        CliTest.Run glop = CliTest.run("solve", MISSING, "--method", "lp", "--lp-backend", "glop", "--threads", "4");
        assertEquals(SparseMdpCli.EXIT_USAGE, glop.code(), glop.err());
        assertTrue(glop.err().contains("method 'lp' is sequential"), glop.err());
    }

    @Test
    void sequentialObjectivesAreRefusedBeforeTheModelIsRead() {
        String[][] runs = {{"--average"}, {"--horizon", "3"}, {"--reach", "goal"}, {"--until", "goal"}};
        for (String[] objective : runs) {
            String[] args = new String[objective.length + 4];
            args[0] = "solve";
            args[1] = MISSING;
            System.arraycopy(objective, 0, args, 2, objective.length);
            args[objective.length + 2] = "--threads";
            args[objective.length + 3] = "2";
            CliTest.Run r = CliTest.run(args);
            assertEquals(SparseMdpCli.EXIT_USAGE, r.code(), objective[0] + ": " + r.err());
            assertTrue(r.err().contains("--threads 2: " + objective[0]) && r.err().contains("use --threads 1"), r.err());
        }
    }

    @Test
    void theDefaultMethodOnAnUndiscountedModelIsRefusedAsAUsageError() {
        // discount 1 turns the default into interval iteration ('ii'), known only once the model is read
        CliTest.Run r = CliTest.run("solve", FOREST.toString(), "--discount", "1", "--threads", "2");
        assertEquals(SparseMdpCli.EXIT_USAGE, r.code(), r.err());
        assertTrue(r.err().contains("method 'ii' is sequential, but 2 threads were requested"), r.err());
    }

    @Test
    void propertiesRefuseThreadsAsAUsageErrorNamingTheProperty() {
        CliTest.Run r = CliTest.run("solve", "../datasets/dice/two_dice.drn", "--property", "Pmax=? [ F \"done\" ]",
                "--threads", "2");
        assertEquals(SparseMdpCli.EXIT_USAGE, r.code(), r.err());
        assertTrue(r.err().contains("property 'Pmax=? [ F \"done\" ]': method 'ii' is sequential"), r.err());
        // a threaded discounted property first does not hide the refusal of a sequential one
        r = CliTest.run("solve", "../datasets/dice/two_dice.drn", "--property", "R=? [ C discount=9/10 ]",
                "--property", "Pmin=? [ F<=3 \"done\" ]", "--method", "gs", "--threads", "2");
        assertEquals(SparseMdpCli.EXIT_USAGE, r.code(), r.err());
        assertTrue(r.err().contains("property 'Pmin=? [ F<=3 \"done\" ]': method 'backward induction' is sequential"),
                r.err());
        assertEquals("", r.out(), "nothing is printed");
    }

    @Test
    void multithreadedMethodsSolveWithThreads(@TempDir Path dir) throws IOException {
        for (String method : new String[] {"vi", "gs"}) {
            Path csv = dir.resolve(method + ".csv");
            CliTest.Run r = CliTest.run("solve", FOREST.toString(), "--method", method, "--threads", "3", "--epsilon",
                    "1e-9", "--output", csv.toString());
            assertEquals(0, r.code(), r.err());
            List<String> lines = Files.readAllLines(csv);
            for (int s = 0; s < 3; s++) {
                assertEquals(SeedModels.FOREST_OPTIMAL[s], Double.parseDouble(lines.get(s + 1).split(",")[1]), 1e-8);
            }
        }
    }

    @Test
    void withoutAMethodThreadsPickGsOnlyForModelsNumberedDownhill(@TempDir Path dir) throws IOException {
        // forest: mass flows both ways (fraction < 0.75) -> vi; a lopsided band (all mass to lower
        // states) -> gs; both converge to the values of the one-thread default
        Path downhill = dir.resolve("downhill.umb");
        org.sparsemdp.io.ModelFormats.write(org.sparsemdp.io.LoadedModel.of(
                org.sparsemdp.generate.BandedGenerator.skewed(500, 3, 4, 8, 0, 0.95, 2)), downhill, "umb");
        String[][] cases = {{FOREST.toString(), "vi"}, {downhill.toString(), "gs"}};
        for (String[] c : cases) {
            CliTest.Run two = CliTest.run("solve", c[0], "--threads", "2", "--json", "--show", "1000");
            assertEquals(0, two.code(), two.err());
            assertTrue(two.out().contains("\"method\":\"" + c[1] + "\""), two.out());
            CliTest.Run one = CliTest.run("solve", c[0], "--json", "--show", "1000");
            assertTrue(one.out().contains("\"method\":\"vi\""), one.out());
            double[] a = jsonValues(two.out());
            double[] b = jsonValues(one.out());
            assertEquals(b.length, a.length);
            for (int s = 0; s < a.length; s++) {
                assertEquals(b[s], a[s], 2e-6, c[0] + " state " + s);
            }
        }
    }

    private static double[] jsonValues(String json) {
        int from = json.indexOf("\"values\":[") + "\"values\":[".length();
        return java.util.Arrays.stream(json.substring(from, json.indexOf(']', from)).split(","))
                .mapToDouble(Double::parseDouble).toArray();
    }
}
