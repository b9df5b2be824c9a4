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
}
