package org.sparsemdp.solve.horizon;

/**
 * Receives every step of {@link BackwardInduction} as it is computed, so that a caller can stream
 * the non-stationary policy (e.g. to a file) without keeping all of it in memory.
 */
@FunctionalInterface
public interface StepObserver {
    /**
     * Called after step {@code stepsToGo} (1, 2, ...).
     *
     * @param values  v<sub>stepsToGo</sub> by state (valid during the call only; do not modify)
     * @param choices the optimal global choice per state with {@code stepsToGo} steps to go, −1
     *                for terminal and frozen states (valid during the call only; do not modify)
     * @throws java.io.UncheckedIOException or any runtime exception to abort the run (it propagates)
     */
    void afterStep(int stepsToGo, double[] values, int[] choices);
}
