package org.sparsemdp.evaluate;

import no.uib.cipr.matrix.AbstractMatrix;
import no.uib.cipr.matrix.DenseVector;
import no.uib.cipr.matrix.Matrix;
import no.uib.cipr.matrix.Vector;
import no.uib.cipr.matrix.sparse.IterativeSolver;
import no.uib.cipr.matrix.sparse.IterativeSolverNotConvergedException;
import no.uib.cipr.matrix.sparse.Preconditioner;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Policy;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Status;

/**
 * Evaluates policies of one {@link Mdp} with the options of a {@link PolicyEvaluator}, reusing
 * the matrix-free operator I − γP<sub>π</sub>, MTJ's solver and its work vectors across calls.
 * Not thread-safe: use one workspace per thread.
 *
 * <p><b>Algorithm.</b> The system (I − γP<sub>π</sub>)V = r<sub>π</sub> (values) or
 * (I − γP<sub>π</sub><sup>T</sup>)η = ρ₀ (occupancy) is solved by the chosen MTJ method
 * (Barrett et al., <i>Templates</i>, SIAM 1994) with the chosen preconditioner, warm-started from
 * the caller's guess if given. The diagonal preconditioner is computed matrix-free; ILU(0) needs
 * the assembled matrix (O(nnz) memory), built and factorised once per policy and reused for the
 * transposed system of the same policy object.
 *
 * <p><b>Stopping rule.</b> Let K ≥ ‖(I − γP<sub>π</sub>)⁻¹‖∞ (= ‖(I − γP<sub>π</sub><sup>T</sup>)⁻¹‖₁):
 * K = 1/(1−γ) for γ &lt; 1. For γ = 1 the policy must terminate: a graph search first checks that a
 * terminal state is reachable from every state under π (otherwise I − P<sub>π</sub> is singular and
 * an {@link IllegalArgumentException} names a state from which π never terminates); then the
 * expected-steps system (I − P<sub>π</sub>)τ = 1 is solved to residual ε<sub>τ</sub> ≤ 10⁻⁶,
 * w = τ(1 + 10⁻⁸)/(1 − ε<sub>τ</sub>) is formed and w ≥ 0, w − P<sub>π</sub>w ≥ 1 is verified
 * componentwise, which proves ‖(I − P<sub>π</sub>)⁻¹‖∞ ≤ ‖w‖∞ = K (Neumann series); if the check fails
 * K = ‖τ‖∞ and the accuracy is ESTIMATED. The solve stops when the TRUE residual (recomputed from
 * the iterate: sup norm for values, 1-norm for occupancy) is at most tolerance/K, so the reported
 * error bound K·residual is at most the tolerance. MTJ runs with an absolute target half of that
 * on its own residual (tightened when its residual and the true one disagree); when it stops early,
 * breaks down, diverges or has run 1000 iterations, it is restarted from the best iterate (after a failed run of BiCGstab,
 * CGS or IR, with GMRES, which minimises the residual and cannot break down that way), until the iteration cap or three restarts without halving the residual (status
 * MAX_ITERATIONS, with the honest bound of the best iterate).
 */
public final class EvaluationWorkspace {
    private static final int MAX_STALLS = 3;
    /** Iterations per MTJ run before the true residual is checked. */
    private static final int RUN_LENGTH = 1000;

    private final PolicyEvaluator options;
    private final Mdp mdp;
    private final int n;
    private final PolicyOperator op;
    private final AbstractMatrix transposed;
    private final IterativeSolver solver;
    private final ResidualMonitor monitor = new ResidualMonitor();
    private final double[] rhs;
    private final DenseVector rhsVector;
    private final double[] scratch;
    private final double[] best;

    private Policy preconditionedFor;
    private Preconditioner preconditioner;
    private DiagonalScaling diagonal;
    private Policy boundFor;
    private double bound;
    private Accuracy boundAccuracy;
    private long boundIterations;
    private boolean boundFresh;
    private Policy currentPolicy;
    private IterativeSolver fallbackSolver;
    // outcome of the last solve()
    private double lastResidual;
    private KrylovMethod lastMethod;
    private Status lastStatus;

    EvaluationWorkspace(PolicyEvaluator options, Mdp mdp) {
        MtjSetup.ensure();
        this.options = options;
        this.mdp = mdp;
        this.n = mdp.numStates();
        this.op = new PolicyOperator(mdp);
        this.transposed = op.transposeView();
        this.rhs = new double[n];
        this.rhsVector = new DenseVector(rhs, false);
        this.scratch = new double[n];
        this.best = new double[n];
        this.solver = options.method().create(rhsVector, options.gmresRestart());
        this.solver.setIterationMonitor(monitor);
    }

    /** The model this workspace evaluates policies of. */
    public Mdp mdp() {
        return mdp;
    }

    /** The options. */
    public PolicyEvaluator options() {
        return options;
    }

    /**
     * Sets a wall-clock deadline in {@link System#nanoTime()} units ({@link Long#MAX_VALUE}: none)
     * for every later solve: the Krylov iteration is checked at each of its iterations and a solve
     * past the deadline returns its best iterate with status {@link Status#TIME_LIMIT} and its true
     * error bound.
     */
    public void deadline(long nanos) {
        monitor.deadline(nanos);
    }

    /** V<sub>π</sub> to the evaluator's tolerance, starting from 0. */
    public PolicyValues evaluate(Policy policy) {
        return evaluate(policy, null, options.tolerance());
    }

    /**
     * V<sub>π</sub> with error bound at most {@code tolerance} (if converged), starting from
     * {@code initialGuess} (not modified; {@code null} for 0).
     *
     * @throws IllegalArgumentException if the policy does not fit the model, or γ = 1 and π does
     *                                  not terminate from some state
     */
    public PolicyValues evaluate(Policy policy, double[] initialGuess, double tolerance) {
        long start = System.nanoTime();
        prepare(policy);
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance must be positive, got " + tolerance);
        }
        op.rewards(rhs);
        double[] v = new double[n];
        if (initialGuess != null) {
            if (initialGuess.length != n) {
                throw new IllegalArgumentException("initial guess has " + initialGuess.length + " entries, expected " + n);
            }
            System.arraycopy(initialGuess, 0, v, 0, n);
            for (int s = 0; s < n; s++) {
                if (mdp.isTerminal(s)) {
                    v[s] = 0.0;
                }
            }
        }
        long its = solve(op, v, tolerance / bound, false);
        return new PolicyValues(v, lastMethod, options.preconditioning(), its + lastBoundIterations(),
                lastResidual, bound, boundAccuracy, lastStatus, (System.nanoTime() - start) / 1e9);
    }

    /** The occupancy measure of π from ρ₀ uniform over the model's initial states. */
    public OccupancyMeasure occupancy(Policy policy) {
        return occupancy(policy, PolicyEvaluator.uniformInitialDistribution(mdp));
    }

    /**
     * The occupancy measure η = (I − γP<sub>π</sub><sup>T</sup>)⁻¹ρ₀ to the evaluator's tolerance in
     * the 1-norm ({@code rho0} is copied; it need not be a probability distribution).
     */
    public OccupancyMeasure occupancy(Policy policy, double[] rho0) {
        return occupancy(policy, rho0, null);
    }

    /**
     * As {@link #occupancy(Policy, double[])}, starting from {@code initialGuess} (for example
     * the occupancy of a nearby policy; not modified; {@code null} for 0).
     */
    public OccupancyMeasure occupancy(Policy policy, double[] rho0, double[] initialGuess) {
        prepare(policy);
        if (rho0.length != n) {
            throw new IllegalArgumentException("initial distribution has " + rho0.length + " entries, expected " + n);
        }
        System.arraycopy(rho0, 0, rhs, 0, n);
        double[] eta = new double[n];
        if (initialGuess != null) {
            if (initialGuess.length != n) {
                throw new IllegalArgumentException("initial guess has " + initialGuess.length + " entries, expected " + n);
            }
            System.arraycopy(initialGuess, 0, eta, 0, n);
        }
        long its = solve(transposed, eta, options.tolerance() / bound, true);
        return new OccupancyMeasure(eta, rho0.clone(), its + lastBoundIterations(), lastResidual, bound,
                boundAccuracy, lastStatus);
    }

    private long lastBoundIterations() {
        long its = boundFresh ? boundIterations : 0;
        boundFresh = false;
        return its;
    }

    /** Sets the operator to π, checks termination and computes K for γ = 1 (cached per policy). */
    private void prepare(Policy policy) {
        policy.checkFits(mdp);
        op.setPolicy(policy);
        currentPolicy = policy;
        if (policy != preconditionedFor) {
            preconditioner = null;
            preconditionedFor = null;
        }
        if (mdp.isDiscounted()) {
            bound = 1.0 / (1.0 - mdp.discount());
            boundAccuracy = Accuracy.CERTIFIED;
            return;
        }
        if (policy == boundFor) {
            return;
        }
        int bad = TerminationCheck.firstNonTerminating(mdp, policy);
        if (bad >= 0) {
            throw new IllegalArgumentException("with discount 1 the policy must reach a terminal state with"
                    + " probability 1, but from state " + bad + " it never does: I - P is singular and the"
                    + " values are undefined; use a discount below 1 or a terminating policy");
        }
        java.util.Arrays.fill(rhs, 1.0);
        double[] tau = new double[n];
        boundIterations = solve(op, tau, 1e-6, false);
        double eps = lastResidual;
        if (eps < 0.5) {
            double f = (1 + 1e-8) / (1 - eps);
            for (int s = 0; s < n; s++) {
                tau[s] *= f;
            }
        }
        op.apply(tau, scratch);
        boolean ok = eps < 0.5;
        double norm = 0.0;
        for (int s = 0; s < n && ok; s++) {
            ok = tau[s] >= 0 && scratch[s] >= 1.0;
            norm = Math.max(norm, tau[s]);
        }
        if (!ok) {
            norm = 0.0;
            for (int s = 0; s < n; s++) {
                norm = Math.max(norm, Math.abs(tau[s]));
            }
        }
        bound = norm;
        boundAccuracy = ok ? Accuracy.CERTIFIED : Accuracy.ESTIMATED;
        boundFor = policy;
        boundFresh = true;
    }

    private Preconditioner preconditioner(boolean transpose) {
        if (options.preconditioning() == Preconditioning.NONE) {
            return IDENTITY;
        }
        if (preconditioner == null) {
            if (options.preconditioning() == Preconditioning.DIAGONAL) {
                if (diagonal == null) {
                    diagonal = new DiagonalScaling(n);
                }
                diagonal.update(op);
                preconditioner = diagonal;
            } else {
                preconditioner = new Ilu0(op.assemble());
            }
            preconditionedFor = currentPolicy;
        }
        return transpose ? new TransposedPreconditioner(preconditioner) : preconditioner;
    }

    /**
     * Solves (I − γP)x = rhs (or the transpose) in place from x, to true residual ≤ target; sets
     * lastResidual and lastStatus, returns the iterations.
     */
    private long solve(Matrix a, double[] x, double target, boolean transpose) {
        Vector.Norm norm = transpose ? Vector.Norm.One : Vector.Norm.Infinity;
        DenseVector xv = new DenseVector(x, false);
        double res = trueResidual(x, transpose);
        System.arraycopy(x, 0, best, 0, n);
        double bestRes = res;
        long total = 0;
        int stalls = 0;
        double innerTarget = 0.5 * target;
        Status status = Status.MAX_ITERATIONS;
        if (res <= target) {
            status = Status.CONVERGED;
        }
        Preconditioner m = status == Status.CONVERGED ? IDENTITY : preconditioner(transpose);
        IterativeSolver active = solver;
        lastMethod = options.method();
        active.setPreconditioner(m);
        while (status != Status.CONVERGED) {
            long budget = options.maxIterations() - total;
            if (budget <= 0 || stalls >= MAX_STALLS) {
                break;
            }
            if (monitor.pastDeadline()) {
                status = Status.TIME_LIMIT;
                break;
            }
            monitor.reset(innerTarget, (int) Math.min(budget, RUN_LENGTH), norm, n);
            try {
                active.solve(a, rhsVector, xv);
            } catch (IterativeSolverNotConvergedException e) {
                // cap, breakdown or divergence: judged below by the true residual
            } catch (RuntimeException e) {
                // numerical failure inside MTJ (for example a singular Hessenberg block)
            }
            total += Math.max(1, monitor.iterations());
            res = trueResidual(x, transpose);
            if (res > target && monitor.residual() <= innerTarget) {
                // MTJ's own residual met its target but the true one did not: tighten.
                innerTarget = Math.max(Double.MIN_NORMAL, innerTarget * 0.5 * target / res);
            }
            if (res <= target) {
                bestRes = res;
                status = Status.CONVERGED;
            } else if (res < 0.5 * bestRes) {
                bestRes = res;
                System.arraycopy(x, 0, best, 0, n);
                stalls = 0;
            } else {
                stalls++;
                if (active == solver && lastMethod != KrylovMethod.GMRES) {
                    // breakdown or stagnation of a non-minimal-residual method: continue with GMRES
                    active = fallback();
                    active.setPreconditioner(m);
                    lastMethod = KrylovMethod.GMRES;
                    stalls = 0;
                }
                if (!(res <= bestRes)) {
                    System.arraycopy(best, 0, x, 0, n);
                } else {
                    bestRes = res;
                    System.arraycopy(x, 0, best, 0, n);
                }
            }
        }
        lastResidual = bestRes;
        lastStatus = status;
        return total;
    }

    private IterativeSolver fallback() {
        if (fallbackSolver == null) {
            fallbackSolver = KrylovMethod.GMRES.create(rhsVector, options.gmresRestart());
            fallbackSolver.setIterationMonitor(monitor);
        }
        return fallbackSolver;
    }

    private double trueResidual(double[] x, boolean transpose) {
        if (transpose) {
            op.applyTranspose(x, scratch);
        } else {
            op.apply(x, scratch);
        }
        double r = 0.0;
        if (transpose) {
            for (int s = 0; s < n; s++) {
                r += Math.abs(rhs[s] - scratch[s]);
            }
        } else {
            for (int s = 0; s < n; s++) {
                double d = Math.abs(rhs[s] - scratch[s]);
                if (!(d <= r)) {
                    r = d; // also propagates NaN
                }
            }
        }
        return Double.isNaN(r) ? Double.POSITIVE_INFINITY : r;
    }

    private static final Preconditioner IDENTITY = new Preconditioner() {
        @Override
        public Vector apply(Vector b, Vector x) {
            return x.set(b);
        }

        @Override
        public Vector transApply(Vector b, Vector x) {
            return x.set(b);
        }

        @Override
        public void setMatrix(Matrix a) {
        }
    };

    /** Applies M<sup>T</sup> for the transposed system. */
    private static final class TransposedPreconditioner implements Preconditioner {
        private final Preconditioner m;

        TransposedPreconditioner(Preconditioner m) {
            this.m = m;
        }

        @Override
        public Vector apply(Vector b, Vector x) {
            return m.transApply(b, x);
        }

        @Override
        public Vector transApply(Vector b, Vector x) {
            return m.apply(b, x);
        }

        @Override
        public void setMatrix(Matrix a) {
        }
    }
}
