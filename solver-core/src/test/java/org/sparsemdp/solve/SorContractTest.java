package org.sparsemdp.solve;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsemdp.testing.SeedModels;

/** Runs the {@link SolverContractTest} for SOR with the default relaxation factor. */
class SorContractTest extends SolverContractTest {
    @Override
    protected Solver solver() {
        return new SorSolver();
    }

    @Override
    protected String registeredName() {
        return "sor";
    }

    @Test
    void moreThanOneThreadIsRejectedNotIgnored() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> solver().solve(SeedModels.forest(), SolverOptions.builder().threads(2).build()));
        assertTrue(e.getMessage().contains("'sor' is sequential"), e.getMessage());
    }
}
