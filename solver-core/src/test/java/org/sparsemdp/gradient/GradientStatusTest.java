package org.sparsemdp.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sparsemdp.result.Status;

class GradientStatusTest {
    @Test
    void theCommonStatusIsConvergedExactlyWhenAStoppingRuleWasMet() {
        for (GradientStatus s : GradientStatus.values()) {
            assertEquals(s.converged(), s.toStatus() == Status.CONVERGED, s.name());
        }
        assertEquals(Status.STALLED, GradientStatus.SATURATED.toStatus(), "a saturated softmax certifies nothing");
        assertEquals(Status.MAX_ITERATIONS, GradientStatus.MAX_ITERATIONS.toStatus());
        assertEquals(Status.CANCELLED, GradientStatus.CANCELLED.toStatus());
    }
}
