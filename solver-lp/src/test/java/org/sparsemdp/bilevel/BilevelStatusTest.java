package org.sparsemdp.bilevel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sparsemdp.result.Status;

class BilevelStatusTest {
    @Test
    void provenOutcomesAreConvergedAndLimitsKeepTheirNames() {
        for (BilevelStatus s : BilevelStatus.values()) {
            boolean proven = s == BilevelStatus.OPTIMAL || s == BilevelStatus.INFEASIBLE;
            assertEquals(proven, s.toStatus() == Status.CONVERGED, s.name());
        }
        assertEquals(Status.TIME_LIMIT, BilevelStatus.TIME_LIMIT.toStatus());
        assertEquals(Status.MAX_ITERATIONS, BilevelStatus.MAX_ITERATIONS.toStatus());
        assertEquals(Status.PRECISION_LIMIT, BilevelStatus.STALLED.toStatus());
    }
}
