package org.sparsemdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The JSON {@code method} of a configured variant names its configuration; defaults stay plain. */
class VariantNamesCliTest {
    private static final Path FOREST = Path.of("../datasets/forest/forest.mdp");

    @Test
    void configuredMethodsReportTheirSettings() {
        String[][] runs = {
            {"--method", "sor", "--omega", "1.5"}, {"sor[omega=1.5]"},
            {"--method", "sor"}, {"sor"},
            {"--method", "topological", "--inner", "vi"}, {"topological[inner=vi]"},
            {"--method", "gs", "--reorder", "rcm"}, {"gs[reorder=rcm]"},
            {"--method", "lp", "--lp-backend", "glop"}, {"lp[backend=glop]"},
        };
        for (int i = 0; i < runs.length; i += 2) {
            String[] args = new String[runs[i].length + 3];
            args[0] = "solve";
            args[1] = FOREST.toString();
            System.arraycopy(runs[i], 0, args, 2, runs[i].length);
            args[args.length - 1] = "--json";
            CliTest.Run r = CliTest.run(args);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("\"method\":\"" + runs[i + 1][0] + "\""), r.out());
        }
    }
}
