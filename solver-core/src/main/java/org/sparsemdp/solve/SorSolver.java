package org.sparsemdp.solve;

import org.sparsemdp.result.Solution;
import org.sparsemdp.model.Mdp;

/**
 * Successive over-relaxation (SOR) value iteration for discounted MDPs: a Gauss–Seidel sweep in
 * which each state moves a factor ω of the way to its backup, v(s) ← v(s) + ω((T v)(s) − v(s)),
 * using the values already updated in the sweep (Puterman 1994, §6.3.3; Reetz 1973,
 * "Solution of a Markovian decision problem by successive overrelaxation").
 *
 * <p>For ω &gt; 1 the sweep is not monotone and, unless |1−ω| + ωγ &lt; 1, not a sup-norm
 * contraction, so the change of a sweep proves nothing by itself. <b>The stopping rule and the
 * bounds therefore come only from Jacobi check sweeps</b> (see {@link InPlaceIteration}): the
 * run stops when one Jacobi step δ = T u − u from the current iterate has span(δ) ≤ ε(1−γ), and
 * reports the MacQueen–Porteus midpoints (Puterman 1994, Theorem 6.6.3) with error bound
 * γ·span(δ)/(2(1−γ)) and the greedy policy with bound span(δ)/(1−γ). If over-relaxation makes
 * the iteration diverge, the run ends at the iteration cap or time limit with a large but true
 * bound.
 *
 * <p><b>Safeguard.</b> Over-relaxation can make the iteration diverge on MDPs (it did on random
 * test models at ω = 1.2). So, when ω &gt; 1, the run falls back to ω = 1 (Gauss–Seidel, a
 * γ-contraction) for good as soon as a check's span(δ) is not smaller than the previous
 * check's: convergence is then guaranteed, and the over-relaxation is kept where it helps.
 *
 * <p>Sequential only, and bit-for-bit reproducible: {@link SolverOptions#threads()} &gt; 1 is
 * rejected with a {@link ThreadsRefusedException} rather than silently ignored. (An
 * asynchronous block version would be possible, but over-relaxation already needs the
 * safeguard above to converge sequentially, and the multithreaded in-place method is
 * {@code gs} with threads.)
 */
public final class SorSolver implements Solver {
    /** Name on the command line. */
    public static final String NAME = "sor";
    /** Default relaxation factor. */
    public static final double DEFAULT_OMEGA = 1.2;

    private final double omega;

    /** SOR with the default relaxation factor {@value #DEFAULT_OMEGA}. */
    public SorSolver() {
        this(DEFAULT_OMEGA);
    }

    /** SOR with relaxation factor {@code omega}, 0 &lt; ω &lt; 2. */
    public SorSolver(double omega) {
        if (!(omega > 0 && omega < 2)) {
            throw new IllegalArgumentException("relaxation factor omega must lie in (0, 2), got " + omega);
        }
        this.omega = omega;
    }

    /** The relaxation factor ω. */
    public double omega() {
        return omega;
    }

    /** {@code sor}, or {@code sor[omega=W]} for ω other than {@value #DEFAULT_OMEGA} ({@link VariantName}). */
    @Override
    public String name() {
        return VariantName.of(NAME).with(omega != DEFAULT_OMEGA, "omega", omega).toString();
    }

    @Override
    public Solution solve(Mdp mdp, SolverOptions options) {
        ValueIterationSolver.requireDiscounted(mdp, NAME);
        options.requireSequential(name());
        final int n = mdp.numStates();
        return InPlaceIteration.run(mdp, options, name(), new SafeguardedSweep(mdp, omega),
                (v, out, policy, range) -> BellmanKernel.jacobiSweep(mdp, v, out, policy, 0, n, range),
                Math.abs(1 - omega) + omega * mdp.discount());
    }

    /** The SOR sweep with the fall-back to ω = 1 described in the class comment. */
    private static final class SafeguardedSweep implements InPlaceStep {
        private final Mdp mdp;
        private double omega;
        private double previousSpan = Double.POSITIVE_INFINITY;

        SafeguardedSweep(Mdp mdp, double omega) {
            this.mdp = mdp;
            this.omega = omega;
        }

        @Override
        public void sweep(double[] v, double[] range) {
            if (omega == 1.0) {
                BellmanKernel.gaussSeidelSweep(mdp, v, 0, mdp.numStates(), range);
            } else {
                BellmanKernel.sorSweep(mdp, v, omega, 0, mdp.numStates(), range);
            }
        }

        @Override
        public void checkFailed(double span) {
            if (omega > 1.0 && !(span < previousSpan)) {
                omega = 1.0;
            }
            previousSpan = span;
        }
    }
}
