package org.sparsemdp.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemdp.io.mdp.MdpTextReader;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.solve.SolverOptions;

/**
 * {@code summary.json} read by an independent parser (Jackson, which Spark brings): the field
 * names and forms of the command line's {@code --json} (objective "min"/"max", status name).
 */
class SummaryJsonTest {
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = LocalSpark.start("SummaryJsonTest");
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    @Test
    void summaryOfTheInventoryLabSpeaksTheCliVocabulary(@TempDir Path dir) throws IOException {
        Mdp mdp = MdpTextReader.read(Path.of("../datasets/inventory/inventory.mdp"));
        try (DistributedModel model = DistributedModel.fromMdp(sc, mdp, 2);
             DistributedResult r = new SparkValueIteration(sc, SparkValueIteration.Method.JACOBI, 1)
                     .solve(model, SolverOptions.builder().epsilon(1e-9).build())) {
            PartitionedOutput.write(r, model, dir);
        }
        JsonNode j = new ObjectMapper().readTree(Files.readString(dir.resolve(PartitionedOutput.SUMMARY)));
        // the inventory lab: 4 states, 22 transitions, discount 0.8, minimise (datasets/inventory)
        assertEquals("min", j.get("objective").textValue(), j.toString());
        assertEquals(4, j.get("states").intValue());
        assertEquals(22, j.get("transitions").longValue());
        assertEquals(0.8, j.get("discount").doubleValue());
        assertEquals("CONVERGED", j.get("status").textValue());
        assertEquals("spark-jacobi", j.get("method").textValue());
        assertEquals(2, j.get("partitions").intValue());
        assertTrue(j.get("iterations").isIntegralNumber() && j.get("iterations").longValue() > 0, j.toString());
        for (String f : new String[] {"residual", "errorBound", "seconds"}) {
            assertTrue(j.get(f).isNumber() && j.get(f).doubleValue() >= 0, f + " in " + j);
        }
        assertTrue(j.get("errorBound").doubleValue() <= 1e-9, j.toString());
        assertTrue(j.get("policyBound").isNumber() || j.get("policyBound").isTextual(), j.toString());
    }
}
