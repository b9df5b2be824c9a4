package org.sparsemdp.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemdp.cli.SparseMdpCli;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.ModelFormats;
import org.sparsemdp.io.partitioned.PartitionedModelWriter;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.testing.DenseOracle;
import org.sparsemdp.testing.RandomMdps;
import org.sparsemdp.testing.SeedModels;

/**
 * The launcher ({@link SparkCli}): {@code solve --engine spark} against the single-machine
 * {@code sparsemdp solve} on the same files (CSV, JSON, exit codes), and the refusals.
 */
class SparkCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void quietLocalSpark() {
        System.setProperty("spark.ui.enabled", "false");
        System.setProperty("spark.driver.host", "127.0.0.1");
        System.setProperty("spark.driver.bindAddress", "127.0.0.1");
    }

    @Test
    void jacobiOnARandomModelFileWritesTheCsvAndJsonOfTheSingleMachineVi(@TempDir Path tmp) throws IOException {
        Mdp mdp = RandomMdps.random(21, 80, 4, 5, 0.9, Objective.MAXIMIZE, 0.1);
        Path file = tmp.resolve("r.mdp");
        ModelFormats.write(LoadedModel.of(mdp), file, "mdp");
        Run local = run("solve", file.toString(), "--json", "--output", tmp.resolve("local.csv").toString());
        Run spark = run("solve", file.toString(), "--engine", "spark", "--partitions", "3", "--json", "--output",
                tmp.resolve("spark.csv").toString());
        assertEquals(0, local.code, local.err);
        assertEquals(0, spark.code, spark.err);
        // Jacobi is vi bit for bit: the same values and labels, so the same file
        assertEquals(Files.readString(tmp.resolve("local.csv")), Files.readString(tmp.resolve("spark.csv")));
        ObjectNode l = (ObjectNode) JSON.readTree(local.out);
        ObjectNode s = (ObjectNode) JSON.readTree(spark.out);
        assertEquals("vi", l.get("method").asText());
        assertEquals("spark-jacobi", s.get("method").asText());
        // the Spark run adds the per-state certified interval (the solver keeps bound vectors)
        assertTrue(s.has("lower") && s.has("upper"));
        for (String f : List.of("method", "seconds", "lower", "upper")) {
            l.remove(f);
            s.remove(f);
        }
        assertEquals(l, s);
    }

    @Test
    void blockGaussSeidelOnTheInventorySeedAgreesWithThePublishedOptimum(@TempDir Path tmp) throws IOException {
        Run spark = run("solve", "../datasets/inventory/inventory.mdp", "--engine", "spark", "--method", "gs",
                "--partitions", "2", "--epsilon", "1e-8", "--output", tmp.resolve("inv.csv").toString());
        assertEquals(0, spark.code, spark.err);
        assertTrue(spark.out.contains("method   spark-block-gs: CONVERGED"), spark.out);
        assertTrue(spark.out.contains("values and policy written to"), spark.out);
        List<String> lines = Files.readAllLines(tmp.resolve("inv.csv"));
        assertEquals("state,value,action", lines.get(0));
        for (int st = 0; st < 4; st++) {
            String[] f = lines.get(st + 1).split(",");
            assertEquals(st, Integer.parseInt(f[0]));
            assertEquals(SeedModels.INVENTORY_OPTIMAL[st], Double.parseDouble(f[1]), 1e-8);
            assertEquals(SeedModels.INVENTORY_POLICY[st], f[2]);
        }
    }

    @Test
    void theForestSeedAgreesWithPymdptoolboxAndWritesPartitionedOutputToo(@TempDir Path tmp) throws IOException {
        Path parts = tmp.resolve("parts");
        Run spark = run("solve", "../datasets/forest/forest.mdp", "--engine", "spark", "--method", "gs",
                "--inner-sweeps", "2", "--partitions", "2", "--epsilon", "1e-9", "--json", "--output-partitioned",
                parts.toString());
        assertEquals(0, spark.code, spark.err);
        JsonNode j = JSON.readTree(spark.out);
        assertEquals("spark-block-gs", j.get("method").asText());
        for (int st = 0; st < 3; st++) {
            assertEquals(SeedModels.FOREST_OPTIMAL[st], j.get("values").get(st).asDouble(), 1e-9, "state " + st);
            assertEquals("wait", j.get("policy").get(st).asText()); // pymdptoolbox's policy: wait in every state
        }
        // the cluster form: one part file per block and the summary, from the executors
        int rows = 0;
        for (int p = 0; p < 2; p++) {
            List<String> lines = Files.readAllLines(parts.resolve(PartitionedOutput.partName(p)));
            assertEquals(PartitionedOutput.HEADER, lines.get(0));
            rows += lines.size() - 1;
        }
        assertEquals(3, rows);
        assertEquals("CONVERGED", JSON.readTree(parts.resolve(PartitionedOutput.SUMMARY).toFile()).get("status").asText());
    }

    @Test
    void aPartitionedDirectoryIsSolvedWithinTheBoundsOfAnExactSolve(@TempDir Path tmp) throws IOException {
        Mdp mdp = RandomMdps.random(4, 120, 3, 6, 0.85, Objective.MINIMIZE, 0.05);
        PartitionedModelWriter.write(mdp, 3, tmp.resolve("dir"));
        Run spark = run("solve", tmp.resolve("dir").toString(), "--engine", "spark", "--method", "gs", "--json",
                "--show", "200", "--output", tmp.resolve("p.csv").toString());
        assertEquals(0, spark.code, spark.err);
        JsonNode j = JSON.readTree(spark.out);
        assertEquals(mdp.numChoices(), j.get("choices").asInt());
        assertEquals("min", j.get("objective").asText());
        double bound = j.get("errorBound").asDouble();
        double[] exact = DenseOracle.optimalValues(mdp); // independent dense solve
        List<String> lines = Files.readAllLines(tmp.resolve("p.csv"));
        assertEquals(mdp.numStates() + 1, lines.size());
        int unique = 0;
        for (int st = 0; st < mdp.numStates(); st++) {
            String[] f = lines.get(st + 1).split(",", -1);
            assertEquals(exact[st], Double.parseDouble(f[1]), bound + 1e-12, "state " + st);
            assertEquals(Double.parseDouble(f[1]), j.get("values").get(st).asDouble(), 0.0);
            int best = bestIfUnique(mdp, st, exact);
            if (best >= 0) {
                unique++;
                assertEquals(mdp.actionLabel(best), f[2], "state " + st);
                assertEquals(mdp.actionLabel(best), j.get("policy").get(st).asText());
            } else if (mdp.isTerminal(st)) {
                assertEquals("", f[2]);
            }
        }
        assertTrue(unique > mdp.numStates() / 2, unique + " states with a unique optimal action");

        // a truncated block: bad input (exit 1) naming the file and block; a damaged index fails before Spark starts
        Path block = tmp.resolve("dir").resolve(org.sparsemdp.io.partitioned.PartitionIndex.blockFileName(1));
        byte[] bytes = Files.readAllBytes(block);
        Files.write(block, java.util.Arrays.copyOf(bytes, bytes.length - 4));
        Run damaged = run("solve", tmp.resolve("dir").toString(), "--engine", "spark");
        assertEquals(SparseMdpCli.EXIT_BAD_INPUT, damaged.code, damaged.err);
        assertTrue(damaged.err.contains("block-00001.bin: block 1: the file has " + (bytes.length - 4) + " bytes"),
                damaged.err);
        Path index = tmp.resolve("dir").resolve(org.sparsemdp.io.partitioned.PartitionIndex.FILE_NAME);
        Files.writeString(index, Files.readString(index).replace("objective min", "objective best"));
        Run badIndex = run("solve", tmp.resolve("dir").toString(), "--engine", "spark");
        assertEquals(SparseMdpCli.EXIT_BAD_INPUT, badIndex.code, badIndex.err);
        assertTrue(badIndex.err.contains("index.smdp:6: objective 'best' is not min or max"), badIndex.err);
    }

    @Test
    void aRunStoppedByALimitExitsWith3AndStillWritesItsAnswer(@TempDir Path tmp) throws IOException {
        Run spark = run("solve", "../datasets/inventory/inventory.mdp", "--engine", "spark", "--max-iterations", "2",
                "--json", "--output", tmp.resolve("x.csv").toString());
        Run local = run("solve", "../datasets/inventory/inventory.mdp", "--max-iterations", "2", "--json");
        assertEquals(SparseMdpCli.EXIT_NOT_CONVERGED, local.code, local.err);
        assertEquals(SparseMdpCli.EXIT_NOT_CONVERGED, spark.code, spark.err);
        assertEquals(JSON.readTree(local.out).get("status"), JSON.readTree(spark.out).get("status"));
        assertEquals(JSON.readTree(local.out).get("values"), JSON.readTree(spark.out).get("values"));
        assertEquals(5, Files.readAllLines(tmp.resolve("x.csv")).size());
    }

    @Test
    void optionsSparkCannotHonourAreUsageErrorsNamingThem(@TempDir Path tmp) throws IOException {
        String inv = "../datasets/inventory/inventory.mdp";
        assertUsage("--reorder does not apply to --engine spark", "solve", inv, "--engine", "spark", "--reorder", "rcm");
        assertUsage("--threads 2 does not apply to --engine spark", "solve", inv, "--engine", "spark", "-t", "2");
        assertUsage("--method pi does not apply to --engine spark", "solve", inv, "--engine", "spark", "-m", "pi");
        assertUsage("--inner-sweeps applies to --method gs only", "solve", inv, "--engine", "spark", "--inner-sweeps", "2");
        assertUsage("--master applies to --engine spark only", "solve", inv, "--master", "local[1]");
        assertUsage("expected local or spark", "solve", inv, "--engine", "mpi");
        assertUsage("--engine spark solves discounted models", "solve", inv, "--engine", "spark", "--discount", "1");
        assertUsage("Invalid value for option '--epsilon'", "solve", inv, "--engine", "spark", "--epsilon", "-1");
        Files.writeString(tmp.resolve("bad.mdp"), "mdp 1\nstates x\n");
        Run bad = run("solve", tmp.resolve("bad.mdp").toString(), "--engine", "spark");
        assertEquals(SparseMdpCli.EXIT_BAD_INPUT, bad.code);
        assertTrue(bad.err.contains("bad.mdp:2"), bad.err);
        // the other commands are sparsemdp's own
        Run info = run("info", inv);
        assertEquals(0, info.code, info.err);
        Run local = run("solve", inv, "--engine", "local");
        assertEquals(0, local.code, local.err);
        assertTrue(local.out.contains("method   vi: CONVERGED"), local.out);
        assertFalse(local.out.contains("spark"), local.out);
    }

    private static void assertUsage(String message, String... args) {
        Run r = run(args);
        assertEquals(SparseMdpCli.EXIT_USAGE, r.code, r.err);
        assertTrue(r.err.contains(message), r.err);
    }

    /** The unique optimal choice of state s (second best worse by more than 1e-6), or −1. */
    private static int bestIfUnique(Mdp mdp, int s, double[] v) {
        int best = -1;
        double bestQ = 0;
        double second = 0;
        boolean max = mdp.objective() == Objective.MAXIMIZE;
        for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
            double q = max ? DenseOracle.q(mdp, c, v) : -DenseOracle.q(mdp, c, v);
            if (best < 0 || q > bestQ) {
                second = best < 0 ? Double.NEGATIVE_INFINITY : bestQ;
                best = c;
                bestQ = q;
            } else if (q > second) {
                second = q;
            }
        }
        return best >= 0 && (mdp.numChoices(s) == 1 || bestQ - second > 1e-6) ? best : -1;
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SparkCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }
}
