package org.sparsemdp.gradient;

/** Progress of a {@link GradientOptimizer} run; may cancel it. */
@FunctionalInterface
public interface GradientListener {
    /** A listener that never cancels. */
    GradientListener NONE = (iteration, objective, gradientNorm) -> true;

    /**
     * Called for the starting point (iteration 0) and after every accepted step.
     *
     * @param objective    J(θ) (the model's reward or cost, not negated)
     * @param gradientNorm ‖∇J(θ)‖₂
     * @return {@code false} to stop the run (status {@link GradientStatus#CANCELLED})
     */
    boolean onIteration(int iteration, double objective, double gradientNorm);
}
