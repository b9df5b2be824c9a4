package org.sparsemdp.solve.undiscounted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.drn.DrnReader;
import org.sparsemdp.io.prism.PrismExplicitReader;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.Solver;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.TopologicalSolver;
import org.sparsemdp.solve.ValueIterationSolver;
import org.sparsemdp.testing.DenseOracle;

/**
 * Discounted total reward on imported PRISM explicit and DRN models (what {@code solve --discount
 * G} computes on them): the library's discounted solvers against the dense oracle, for every
 * reward structure and both directions. Skipped when {@code ../shared/data/external} is absent.
 */
class DiscountedImportedModelsTest {
    private static final Path ROOT = Paths.get("../../shared/data/external");

    @Test
    void robotAndTwoDiceDiscounted() throws IOException {
        assumeTrue(Files.isDirectory(ROOT), "external data not present");
        LoadedModel robot = PrismExplicitReader.read(ROOT.resolve("prism_robot/robot.tra"));
        LoadedModel dice = DrnReader.read(ROOT.resolve("storm_two_dice/two_dice.drn"));
        int checked = 0;
        for (LoadedModel m : new LoadedModel[] {robot, dice}) {
            for (String structure : m.rewardStructureNames()) {
                for (Objective o : Objective.values()) {
                    Mdp mdp = m.mdpWithRewards(structure).withDiscount(0.9).withObjective(o);
                    double[] exact = DenseOracle.optimalValues(mdp);
                    for (Solver solver : new Solver[] {new ValueIterationSolver(), new TopologicalSolver()}) {
                        Solution s = solver.solve(mdp, SolverOptions.builder().epsilon(1e-9).build());
                        for (int st = 0; st < exact.length; st++) {
                            assertEquals(exact[st], s.value(st), 1e-8, structure + " " + o + " state " + st);
                        }
                        checked++;
                    }
                }
            }
        }
        assertEquals(2 * 2 * (robot.rewardStructureNames().size() + dice.rewardStructureNames().size()), checked);
    }
}
