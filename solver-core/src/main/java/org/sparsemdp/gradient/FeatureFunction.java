package org.sparsemdp.gradient;

/**
 * Caller-supplied features φ(s, a) ∈ ℝ<sup>d</sup> of a choice, for {@link LinearSoftmax}.
 */
@FunctionalInterface
public interface FeatureFunction {
    /**
     * Writes φ of choice {@code choice} (of state {@code state}) into {@code out} (length d,
     * zero-filled before the call).
     */
    void features(int state, int choice, double[] out);
}
