package org.sparsemdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemdp.testing.SeedModels;

class CliTest {
    private static final Path INVENTORY = Path.of("../datasets/inventory/inventory.mdp");

    /** Exit code, stdout and stderr of one run. */
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SparseMdpCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void solveInventoryPrintsOptimalValuesAndPolicy() {
        Run r = run("solve", INVENTORY.toString(), "--epsilon", "1e-9");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("CONVERGED"), r.out());
        assertTrue(r.out().contains(String.format(java.util.Locale.ROOT, "%.10g", 1290.0 / 49).substring(0, 10)), r.out());
    }

    @Test
    void jsonSummaryHasTheDocumentedFields() {
        Run r = run("solve", INVENTORY.toString(), "--json", "--epsilon", "1e-9");
        assertEquals(0, r.code(), r.err());
        String json = r.out().trim();
        for (String key : List.of("method", "states", "choices", "transitions", "objective", "discount", "iterations",
                "status", "errorBound", "seconds", "initialState", "initialValue")) {
            assertTrue(json.contains("\"" + key + "\":"), key + " missing in " + json);
        }
        double initialValue = Double.parseDouble(json.replaceAll(".*\"initialValue\":([-0-9.Ee]+).*", "$1"));
        assertEquals(1290.0 / 49, initialValue, 1e-9);
        assertTrue(json.contains("\"states\":4"));
        assertTrue(json.contains("\"status\":\"CONVERGED\""));
    }

    @Test
    void outputCsvHasValuesAndActionLabels(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("values.csv");
        Run r = run("solve", INVENTORY.toString(), "--output", csv.toString(), "--epsilon", "1e-10");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("state,value,action", lines.get(0));
        assertEquals(5, lines.size());
        String[] expectedActions = {"4", "3", "0", "0"};
        double[] expected = {1290.0 / 49, 1290.0 / 49, 1130.0 / 49, 1115.0 / 49};
        for (int s = 0; s < 4; s++) {
            String[] f = lines.get(s + 1).split(",");
            assertEquals(Integer.toString(s), f[0]);
            assertEquals(expected[s], Double.parseDouble(f[1]), 1e-9);
            assertEquals(expectedActions[s], f[2]);
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
        if (csv.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Path reference = Files.createFile(dir.resolve("reference"));
            assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(csv),
                    "output gets the permissions of any new file (umask), not 0600");
        }
    }

    @Test
    void overridesApply() {
        Run r = run("solve", INVENTORY.toString(), "--discount", "0.5", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"discount\":0.5"), r.out());
    }

    @Test
    void badInputGivesOneLineWithFileAndLine(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.mdp");
        Files.writeString(bad, "mdp 1\nstates 2\nobjective min\n0 a 1 0:0.5 1:0.4\n");
        Run r = run("solve", bad.toString());
        assertEquals(SparseMdpCli.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().startsWith("sparsemdp: " + bad + ":4: "), r.err());
        assertEquals(1, r.err().trim().lines().count(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void missingFileAndUnknownMethodAreReported() {
        Run r = run("solve", "no/such/file.mdp");
        assertEquals(SparseMdpCli.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("no such file"), r.err());
        r = run("solve", INVENTORY.toString(), "--method", "magic");
        assertEquals(SparseMdpCli.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("unknown method 'magic'"), r.err());
    }

    @Test
    void undiscountedModelWithoutTerminalStatesHasInfiniteTotalCost() {
        // Every period costs at least 2 and the inventory process never stops: the expected total
        // cost until termination is +Infinity, certified by the graph analysis (no loop to run).
        Run r = run("solve", INVENTORY.toString(), "--discount", "1", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"initialValue\":\"Infinity\""), r.out());
        assertTrue(r.out().contains("\"accuracy\":\"CERTIFIED\""), r.out());
    }

    @Test
    void iterationCapGivesItsOwnExitCode() {
        Run r = run("solve", INVENTORY.toString(), "--max-iterations", "2", "--json");
        assertEquals(SparseMdpCli.EXIT_NOT_CONVERGED, r.code());
        assertTrue(r.out().contains("MAX_ITERATIONS"));
    }

    @Test
    void everyMethodSolvesTheInventoryLab() {
        for (String[] method : new String[][] {{"vi"}, {"vi", "--threads", "2"}, {"gs"}, {"gs", "--threads", "2"},
                {"sor", "--omega", "1.1"}, {"topological", "--inner", "vi"}, {"topological"}, {"pi"}, {"mpi"},
                {"lp"}, {"lp-dual", "--lp-backend", "glop"}, {"lp", "--lp-backend", "pdlp"}}) {
            java.util.List<String> args = new java.util.ArrayList<>(List.of("solve", INVENTORY.toString(), "--json",
                    "--epsilon", "1e-9", "--method"));
            args.addAll(List.of(method));
            Run r = run(args.toArray(new String[0]));
            assertEquals(0, r.code(), String.join(" ", method) + ": " + r.err());
            double initialValue = Double.parseDouble(r.out().replaceAll("(?s).*\"initialValue\":([-0-9.Ee]+).*", "$1"));
            assertEquals(1290.0 / 49, initialValue, 1e-8, String.join(" ", method));
        }
        Run r = run("solve", INVENTORY.toString(), "--method", "vi", "--omega", "1.5");
        assertEquals(SparseMdpCli.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("--omega applies to --method sor"), r.err());
    }

    @Test
    void constrainedLpGivesARandomisedPolicy(@TempDir Path dir) throws IOException {
        // Forest (S = 3): unconstrained, the optimal policy waits everywhere. A budget on how often
        // state 2 is left waiting forces some cutting; the LP may randomise.
        Path costs = dir.resolve("costs.csv");
        Files.writeString(costs, "state,action,cost\n2,wait,1\n");
        Path policy = dir.resolve("pi.csv");
        Run free = run("solve", "../datasets/forest/forest.mdp", "--method", "lp", "--json");
        assertEquals(0, free.code(), free.err());
        Run r = run("solve", "../datasets/forest/forest.mdp", "--method", "lp-dual", "--constraint",
                costs + ":1.0", "--output", policy.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"feasible\":true"), r.out());
        double constrained = Double.parseDouble(r.out().replaceAll("(?s).*\"objectiveValue\":([-0-9.Ee]+).*", "$1"));
        double usage = Double.parseDouble(r.out().replaceAll("(?s).*\"usage\":\\[([-0-9.Ee]+).*", "$1"));
        assertTrue(usage <= 1.0 + 1e-6, r.out());
        // The constrained optimum (uniform start) is below the unconstrained one: the budget binds.
        double[] unconstrained = SeedModels.FOREST_OPTIMAL;
        double unconstrainedObjective = (unconstrained[0] + unconstrained[1] + unconstrained[2]) / 3;
        assertTrue(constrained < unconstrainedObjective - 1e-6, constrained + " vs " + unconstrainedObjective);
        assertEquals("state,action,probability", Files.readAllLines(policy).get(0));
        Run bad = run("solve", "../datasets/forest/forest.mdp", "--method", "vi", "--constraint", costs + ":1");
        assertEquals(SparseMdpCli.EXIT_USAGE, bad.code());
        assertTrue(bad.err().contains("--constraint needs --method lp"), bad.err());
    }

    @Test
    void infoReportsStructure() {
        Run r = run("info", INVENTORY.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"choices\":11"), r.out());
        assertTrue(r.out().contains("\"transitions\":22"), r.out());
        assertTrue(r.out().contains("\"minChoicesPerState\":2"), r.out());
        assertTrue(r.out().contains("\"maxChoicesPerState\":3"), r.out());
        assertFalse(r.out().contains("\n{"));
    }
}
