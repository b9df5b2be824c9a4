package org.sparsemdp.gradient;

import org.sparsemdp.model.StochasticPolicy;

/**
 * The outcome of a {@link GradientOptimizer} run: the final parameters θ and policy π<sub>θ</sub>,
 * J at the start and at the end (the model's reward or cost, not negated), the accepted steps,
 * the final ‖∇J‖₂, the number of policy evaluations and why the run stopped.
 *
 * @param theta            final parameters (owned by the caller)
 * @param policy           π<sub>θ</sub> at the final parameters
 * @param objective        J(θ) at the final parameters
 * @param initialObjective J at the starting parameters
 * @param iterations       accepted steps
 * @param gradientNorm     ‖∇J(θ)‖₂ at the final parameters
 * @param evaluations      policy evaluations (value solves), line-search trials included
 * @param status           why the run stopped
 * @param seconds          wall time
 */
public record GradientResult(double[] theta, StochasticPolicy policy, double objective, double initialObjective,
                             int iterations, double gradientNorm, long evaluations, GradientStatus status,
                             double seconds) {
    /** Whether a stopping rule was met ({@link GradientStatus#converged()}). */
    public boolean converged() {
        return status.converged();
    }
}
