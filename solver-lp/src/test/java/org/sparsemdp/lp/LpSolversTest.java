package org.sparsemdp.lp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.solve.Solver;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.testing.SeedModels;

/** Lookup by name, the automatic backend choice, and models whose LP has no finite optimum. */
class LpSolversTest {

    @Test
    void solversAreFoundByNameAndThroughTheServiceLoader() {
        assertEquals("lp", LpSolvers.byName("lp", LpSettings.defaults()).name());
        assertEquals(LpSolver.Formulation.DUAL, LpSolvers.byName("lp-dual", LpSettings.defaults()).formulation());
        assertThrows(IllegalArgumentException.class, () -> LpSolvers.byName("simplex", LpSettings.defaults()));
        Set<String> names = ServiceLoader.load(Solver.class).stream().map(p -> p.get().name())
                .collect(Collectors.toSet());
        assertTrue(names.containsAll(LpSolvers.names()), names.toString());
    }

    /** solver-core's registry finds the LP methods through the ServiceLoader and solves with them. */
    @Test
    void coreRegistryReachesTheLpMethods() {
        assertTrue(org.sparsemdp.solve.Solvers.names().containsAll(LpSolvers.names()),
                org.sparsemdp.solve.Solvers.names().toString());
        Mdp lab = SeedModels.inventory();
        org.sparsemdp.result.Solution s = org.sparsemdp.solve.Solvers.byName("lp-dual")
                .solve(lab, org.sparsemdp.solve.SolverOptions.defaults());
        assertEquals(1290.0 / 49, s.value(0), 1e-6, "the seed lab's optimum");
    }

    /** Configured variants name their settings; an explicit GLOP refuses threads, PDLP takes them. */
    @Test
    void configuredVariantsAreNamedAndExplicitGlopRefusesThreads() {
        LpSolver glop = LpSolvers.byName("lp", LpSettings.builder().backend(LpBackend.GLOP).build());
        assertEquals("lp[backend=glop]", glop.name());
        assertEquals("lp-dual[backend=pdlp,refinements=5]", LpSolvers.byName("lp-dual",
                LpSettings.builder().backend(LpBackend.PDLP).maxRefinements(5).build()).name());
        assertEquals(false, glop.usesThreads());
        assertTrue(LpSolvers.byName("lp", LpSettings.defaults()).usesThreads());
        SolverOptions two = SolverOptions.builder().threads(2).build();
        org.sparsemdp.solve.ThreadsRefusedException e = assertThrows(org.sparsemdp.solve.ThreadsRefusedException.class,
                () -> glop.solve(SeedModels.inventory(), two));
        assertEquals("lp[backend=glop]", e.method());
        assertThrows(org.sparsemdp.solve.ThreadsRefusedException.class,
                () -> new ConstrainedMdpSolver(LpSettings.builder().backend(LpBackend.GLOP).build())
                        .solve(SeedModels.inventory(), List.of(), two));
        // the seed lab's optimum through GLOP with one thread, reported under the variant's name
        org.sparsemdp.result.Solution s = glop.solve(SeedModels.inventory(), SolverOptions.defaults());
        assertEquals(1290.0 / 49, s.value(0), 1e-6);
        assertEquals("lp[backend=glop]", s.method());
    }

    @Test
    void automaticBackendIsGlopUpToTheThresholdAndPdlpAbove() {
        Mdp lab = SeedModels.inventory(); // 11 choices
        assertEquals(LpBackend.GLOP, LpSettings.defaults().backendFor(lab));
        assertEquals(LpBackend.PDLP, LpSettings.builder().glopMaxChoices(10).build().backendFor(lab));
        assertEquals(LpBackend.GLOP, LpSettings.builder().glopMaxChoices(11).build().backendFor(lab));
        assertEquals(LpBackend.GLOP, LpSettings.builder().glopMaxChoices(0).backend(LpBackend.GLOP).build()
                .backendFor(lab));
    }

    /** A model whose states are all terminal has an empty LP: values 0, status CONVERGED. */
    @ParameterizedTest
    @EnumSource(LpBackend.class)
    void allTerminalModelHasZeroValues(LpBackend backend) {
        Mdp mdp = new MdpBuilder(3).discount(0.9).build();
        for (LpSolver.Formulation f : LpSolver.Formulation.values()) {
            LpResult r = new LpSolver(f, LpSettings.builder().backend(backend).build())
                    .solveDetailed(mdp, SolverOptions.defaults());
            assertEquals(org.sparsemdp.result.Status.CONVERGED, r.solution().status(), r.diagnostics().summary());
            org.junit.jupiter.api.Assertions.assertArrayEquals(new double[3], r.solution().values());
            assertEquals(0.0, r.solution().errorBound());
        }
    }

    /** One solver instance used by several threads at once (first use also loads the natives). */
    @Test
    void concurrentSolvesFromOneInstanceAreIndependent() throws Exception {
        LpSolver solver = new LpSolver(LpSolver.Formulation.DUAL, LpSettings.defaults());
        Mdp lab = SeedModels.inventory();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<double[]>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> solver.solve(lab, SolverOptions.defaults()).values()));
            }
            for (java.util.concurrent.Future<double[]> f : futures) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(SeedModels.INVENTORY_OPTIMAL, f.get(), 1e-6);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * γ = 1, minimise: state 0 can only loop on itself at cost 1 forever, so its value is +∞ and
     * the primal LP is unbounded (the dual infeasible): rejected with a clear message.
     */
    @ParameterizedTest
    @EnumSource(LpSolver.Formulation.class)
    void infiniteValuesAreRejected(LpSolver.Formulation formulation) {
        MdpBuilder b = new MdpBuilder(2).discount(1.0).objective(Objective.MINIMIZE);
        b.addChoice(0, "loop", 1.0, new int[] {0}, new double[] {1.0});
        Mdp mdp = b.build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LpSolver(formulation, LpSettings.builder().backend(LpBackend.GLOP).build())
                        .solve(mdp, SolverOptions.defaults()));
        assertTrue(e.getMessage().contains("infinite"), e.getMessage());
    }
}
