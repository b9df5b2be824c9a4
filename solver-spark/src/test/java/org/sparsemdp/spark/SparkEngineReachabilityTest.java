package org.sparsemdp.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemdp.cli.SparseMdpCli;
import org.sparsemdp.io.partitioned.PartitionedModelWriter;
import org.sparsemdp.model.Objective;
import org.sparsemdp.testing.RandomMdps;

/**
 * {@code solve FILE --engine spark --reach/--until} through the launcher ({@link SparkCli}):
 * published values, agreement with the single-machine {@code solve} of the same command line
 * (CSV, JSON fields, exit codes) and with an independent discounted solve, and the refusals.
 */
class SparkEngineReachabilityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DICE = "../datasets/dice/two_dice.drn";

    @BeforeAll
    static void quietLocalSpark() {
        System.setProperty("spark.ui.enabled", "false");
        System.setProperty("spark.driver.host", "127.0.0.1");
        System.setProperty("spark.driver.bindAddress", "127.0.0.1");
    }

    /**
     * Knuth–Yao's two dice (datasets/dice/README.md, published values: every scheduler gives
     * them): P[F sum7] = 1/6 and expected flips until done = 22/3 at the initial state; every
     * state's value agrees with the single-machine {@code ii} within the two certified bounds.
     */
    @Test
    void twoDiceAgreeWithThePublishedValuesAndTheSingleMachineSolve(@TempDir Path tmp) throws IOException {
        String[][] objectives = {{"--reach", "sum7"}, {"--until", "done"}};
        double[] published = {1.0 / 6, 22.0 / 3};
        String[] methods = {"pmin", "rmin"}; // the file's objective is min
        for (int q = 0; q < 2; q++) {
            String[] common = {"solve", DICE, objectives[q][0], objectives[q][1], "--epsilon", "1e-9", "--json",
                    "--show", "30"};
            Path localCsv = tmp.resolve("local" + q + ".csv");
            Path sparkCsv = tmp.resolve("spark" + q + ".csv");
            Run local = run(concat(common, "--output", localCsv.toString()));
            Run spark = run(concat(common, "--engine", "spark", "--partitions", "3", "--output", sparkCsv.toString()));
            assertEquals(0, local.code, local.err);
            assertEquals(0, spark.code, spark.err);
            JsonNode l = JSON.readTree(local.out);
            JsonNode s = JSON.readTree(spark.out);
            assertEquals("ii-" + methods[q], l.get("method").asText());
            assertEquals("spark-ii-" + methods[q], s.get("method").asText());
            double bound = s.get("errorBound").asDouble();
            assertTrue(bound <= 1e-9, "bound " + bound);
            assertEquals(published[q], s.get("initialValue").asDouble(), bound + 1e-15);
            assertSameSummary(l, s);
            assertAgreeWithinBounds(localCsv, l.get("errorBound").asDouble(), sparkCsv, bound, 169);
        }
        // the flips until sum7 are infinite wherever a terminal state of another sum can be reached:
        // the same infinite values and the same explanation as solve's
        String[] sum7 = {"solve", DICE, "--until", "sum7", "--json"};
        Run local = run(sum7);
        Run spark = run(concat(sum7, "--engine", "spark"));
        assertEquals(0, spark.code, spark.err);
        JsonNode l = JSON.readTree(local.out);
        JsonNode s = JSON.readTree(spark.out);
        assertSameSummary(l, s);
        assertTrue(l.get("infinity").asText().startsWith("Infinity in 163 of 169 states"), local.out);
        assertEquals(l.get("infinity"), s.get("infinity"));
        assertEquals(l.get("values"), s.get("values"));
    }

    /**
     * A random Garnet model with its discount 0.9 embedded as a stop probability (discount 1, a
     * state labelled 'stop'): R[F stop] on Spark equals the discounted values of the same Garnet,
     * solved by the single-machine {@code vi} (independent: another model, another method) within
     * both certified bounds, and reports what the single-machine {@code solve --until stop} reports.
     */
    @Test
    void anEmbeddedDiscountGarnetAgreesWithTheDiscountedSolve(@TempDir Path tmp) throws IOException {
        String g = tmp.resolve("g.drn").toString();
        String[] garnet = {"generate", "garnet", "-n", "200", "-a", "3", "-b", "5", "--seed", "11", "--discount", "0.9"};
        assertEquals(0, run(concat(garnet, "--embed-discount", "--drop", "objective", "-o", g)).code);
        assertEquals(0, run(concat(garnet, "-o", tmp.resolve("g.mdp").toString())).code);
        Run discounted = run("solve", tmp.resolve("g.mdp").toString(), "--epsilon", "1e-8", "--json", "--output",
                tmp.resolve("vi.csv").toString());
        assertEquals(0, discounted.code, discounted.err);
        String[] common = {"solve", g, "--until", "stop", "--objective", "max", "--json", "--show", "10"};
        Run local = run(common);
        Run spark = run(concat(common, "--engine", "spark", "--partitions", "4", "--output",
                tmp.resolve("spark.csv").toString()));
        assertEquals(0, local.code, local.err);
        assertEquals(0, spark.code, spark.err);
        JsonNode s = JSON.readTree(spark.out);
        assertEquals("spark-ii-rmax", s.get("method").asText());
        assertSameSummary(JSON.readTree(local.out), s);
        // the stop state 200 (value 0) is not in the discounted model
        assertAgreeWithinBounds(tmp.resolve("vi.csv"), JSON.readTree(discounted.out).get("errorBound").asDouble(),
                tmp.resolve("spark.csv"), s.get("errorBound").asDouble(), 200);
    }

    @Test
    void whatTheEngineCannotDoIsRefusedWithSolvesExitCodes(@TempDir Path tmp) throws IOException {
        // a partitioned directory has no labels: usage error (2), before Spark starts
        Path dir = tmp.resolve("dir");
        PartitionedModelWriter.write(RandomMdps.random(3, 40, 2, 3, 0.9, Objective.MAXIMIZE, 0.1), 2, dir);
        assertRefused(SparseMdpCli.EXIT_USAGE, "--reach does not apply to a partitioned directory", "solve",
                dir.toString(), "--engine", "spark", "--reach", "init");
        assertRefused(SparseMdpCli.EXIT_USAGE, "--method vi does not apply to --engine spark --until: use ii",
                "solve", DICE, "--engine", "spark", "--until", "done", "--method", "vi");
        assertRefused(SparseMdpCli.EXIT_USAGE, "--cumulative does not apply to --engine spark", "solve", DICE,
                "--engine", "spark", "--cumulative");
        assertRefused(SparseMdpCli.EXIT_USAGE, "--reach computes an undiscounted objective, but the model has"
                + " discount 0.9; add --discount 1", "solve", DICE, "--engine", "spark", "--reach", "sum7",
                "--discount", "0.9");
        assertRefused(SparseMdpCli.EXIT_USAGE, "--labels does not apply to --engine spark", "solve", DICE,
                "--engine", "spark", "--labels", DICE);
        // Pmax with an end component among the maybe states ('wait' loops in state 0): both engines merge
        // it, leaving 'go' alone: Pmax = 1/2 (by hand: wait only delays, go reaches goal with 1/2)
        Path ec = tmp.resolve("ec.drn");
        Files.writeString(ec, "@type: MDP\n@parameters\n\n@reward_models\n\n@nr_states\n3\n@nr_choices\n4\n@model\n"
                + "state 0 init\n\taction wait\n\t\t0 : 1\n\taction go\n\t\t1 : 0.5\n\t\t2 : 0.5\n"
                + "state 1 goal\n\taction stay\n\t\t1 : 1\nstate 2\n\taction stay\n\t\t2 : 1\n");
        Run local = run("solve", ec.toString(), "--reach", "goal", "--objective", "max", "--json");
        assertEquals(0, local.code, local.err);
        assertEquals(0.5, JSON.readTree(local.out).get("initialValue").asDouble(), 1e-12);
        Run spark = run("solve", ec.toString(), "--reach", "goal", "--objective", "max", "--json", "--epsilon",
                "1e-9", "--engine", "spark");
        assertEquals(0, spark.code, spark.err);
        JsonNode merged = JSON.readTree(spark.out);
        assertEquals("spark-ii-pmax", merged.get("method").asText());
        assertEquals("CONVERGED", merged.get("status").asText());
        assertEquals(0.5, merged.get("initialValue").asDouble(), merged.get("errorBound").asDouble() + 1e-15);
        // --until on a model without rewards: solve's refusal (exit 1), never a silent 0
        assertEquals(SparseMdpCli.EXIT_BAD_INPUT, run("solve", ec.toString(), "--until", "goal").code);
        assertRefused(SparseMdpCli.EXIT_BAD_INPUT, "R[F target] needs a reward structure, but the model has none",
                "solve", ec.toString(), "--until", "goal", "--engine", "spark");
    }

    /**
     * The single-machine and Spark summaries have the same fields, and the same model fields,
     * status, accuracy and initial state; the shown values, bounds and actions are compared by
     * {@link #assertAgreeWithinBounds} through the CSVs (optimal actions may differ where
     * schedulers tie).
     */
    private static void assertSameSummary(JsonNode local, JsonNode spark) {
        assertEquals(fields(local), fields(spark));
        for (String f : List.of("states", "choices", "transitions", "objective", "discount", "status", "accuracy",
                "initialState")) {
            assertEquals(local.get(f), spark.get(f), f);
        }
        for (int i = 0; i < spark.get("values").size(); i++) { // the certified intervals intersect
            assertTrue(spark.get("lower").get(i).asDouble() <= local.get("upper").get(i).asDouble()
                    && local.get("lower").get(i).asDouble() <= spark.get("upper").get(i).asDouble(), "state " + i);
        }
    }

    /** The first {@code states} rows of two {@code --output} CSVs agree within the sum of their error bounds. */
    private static void assertAgreeWithinBounds(Path a, double boundA, Path b, double boundB, int states)
            throws IOException {
        List<String> la = Files.readAllLines(a);
        List<String> lb = Files.readAllLines(b);
        assertEquals("state,value,action", la.get(0));
        assertEquals(la.get(0), lb.get(0));
        for (int s = 0; s < states; s++) {
            String[] fa = la.get(s + 1).split(",", -1);
            String[] fb = lb.get(s + 1).split(",", -1);
            assertEquals(String.valueOf(s), fb[0]);
            assertEquals(Double.parseDouble(fa[1]), Double.parseDouble(fb[1]), boundA + boundB + 1e-12, "state " + s);
            assertEquals(fa[2].isEmpty(), fb[2].isEmpty(), "state " + s + ": terminal in one answer only");
        }
    }

    private static TreeSet<String> fields(JsonNode node) {
        TreeSet<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static void assertRefused(int code, String message, String... args) {
        Run r = run(args);
        assertEquals(code, r.code, r.err);
        assertTrue(r.err.contains(message), r.err);
    }

    private static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(new String[0]);
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
