package org.sparsemdp.solve;

import org.sparsemdp.result.Solution;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparsemdp.evaluate.KrylovMethod;
import org.sparsemdp.evaluate.PolicyEvaluator;
import org.sparsemdp.evaluate.Preconditioning;
import org.sparsemdp.graph.StateOrdering;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.solve.undiscounted.IterationOrder;
import org.sparsemdp.solve.undiscounted.TotalRewardSolver;

/** Configured variants report names that include their configuration; defaults keep their plain names. */
class VariantNameTest {
    @Test
    void defaultConfigurationsKeepTheirPlainNames() {
        for (String name : List.of("vi", "gs", "sor", "topological", "pi", "mpi", "ii")) { // the built-ins
            assertEquals(name, Solvers.byName(name).name());
        }
        assertEquals("pi", new PolicyIterationSolver(PolicyIterationSolver.defaultEvaluator(), 0.25).name());
        assertEquals("sor", new SorSolver(1.2).name());
        assertEquals("gs", new ReorderingSolver(new GaussSeidelSolver(), StateOrdering.NONE).name());
    }

    @Test
    void configuredVariantsNameTheSettingsThatDiffer() {
        PolicyEvaluator gmresDiagonal = PolicyEvaluator.builder().method(KrylovMethod.GMRES)
                .preconditioning(Preconditioning.DIAGONAL).gmresRestart(50).build();
        assertEquals("pi[krylov=gmres,precond=diagonal,restart=50]",
                new PolicyIterationSolver(gmresDiagonal, 0.25).name());
        assertEquals("pi[precond=none,fraction=0.5]", new PolicyIterationSolver(PolicyEvaluator.builder()
                .method(KrylovMethod.BICGSTAB).preconditioning(Preconditioning.NONE).build(), 0.5).name());
        assertEquals("mpi[sweeps=20]", new ModifiedPolicyIterationSolver(20).name());
        assertEquals("mpi[eval=krylov,krylov=gmres,precond=diagonal,restart=50,looseness=0.5]",
                new ModifiedPolicyIterationSolver(gmresDiagonal, 0.5).name());
        assertEquals("sor[omega=1.5]", new SorSolver(1.5).name());
        assertEquals("topological[inner=vi]", new TopologicalSolver(TopologicalSolver.Inner.JACOBI).name());
        assertEquals("ii[stop=relative,order=topological]",
                new TotalRewardSolver(true, IterationOrder.TOPOLOGICAL).name());
        assertEquals("sor[omega=1.5,reorder=rcm]",
                new ReorderingSolver(new SorSolver(1.5), StateOrdering.RCM).name());
        assertNotEquals(new PolicyIterationSolver().name(), new PolicyIterationSolver(gmresDiagonal, 0.25).name());
    }

    /** Interval iteration's runs name the relative stopping criterion too. */
    @Test
    void relativeIntervalIterationRunsSayso() {
        // one state costing c per step, ending with probability 1/2 per step: total 2c
        for (double cost : new double[] {1, -1}) {
            MdpBuilder b = new MdpBuilder(2).discount(1.0).objective(Objective.MINIMIZE);
            b.addChoice(0, "go", cost, new int[] {0, 1}, new double[] {0.5, 0.5});
            Mdp mdp = b.build();
            SolverOptions options = SolverOptions.builder().epsilon(1e-9).build();
            Solution absolute = new TotalRewardSolver().solve(mdp, options);
            Solution relative = new TotalRewardSolver(true).solve(mdp, options);
            assertEquals(2 * cost, relative.value(0), 1e-8);
            String plain = cost > 0 ? "ii-rmin" : "ii-rmax-negated";
            assertEquals(plain, absolute.method());
            assertEquals(plain + "[stop=relative]", relative.method());
        }
    }

    @Test
    void baseNamesAndMalformedBases() {
        assertEquals("pi", VariantName.base("pi[krylov=gmres]"));
        assertEquals("vi", VariantName.base("vi"));
        assertEquals("vi", VariantName.of("vi").with(false, "x", 1).toString());
        assertThrows(IllegalArgumentException.class, () -> VariantName.of("pi[x=1]"));
        assertThrows(IllegalArgumentException.class, () -> VariantName.of(""));
    }
}
