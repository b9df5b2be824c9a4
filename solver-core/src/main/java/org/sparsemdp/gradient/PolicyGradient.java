package org.sparsemdp.gradient;

import java.util.Arrays;
import org.sparsemdp.evaluate.EvaluationWorkspace;
import org.sparsemdp.evaluate.PolicyEvaluator;
import org.sparsemdp.evaluate.PolicyValues;
import org.sparsemdp.evaluate.QValues;
import org.sparsemdp.graph.StronglyConnectedComponents;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.StochasticPolicy;

/**
 * The exact objective and gradient of a {@link SoftmaxPolicy} family, from policy evaluation.
 *
 * <p><b>Objective.</b> J(θ) = Σ<sub>s</sub> ρ₀(s) V<sub>π<sub>θ</sub></sub>(s), with V the
 * (discounted, or for γ = 1 total until termination) value of π<sub>θ</sub> and ρ₀ the initial
 * distribution (by default uniform over {@link Mdp#initialStates()}). J is the expected reward or
 * cost; it is not negated for minimising models: the optimiser chooses the direction.
 *
 * <p><b>Gradient</b> (policy gradient theorem, Sutton, McAllester, Singh and Mansour, NIPS 1999):
 * <pre>
 *   ∇J = Σ_{s,a} η(s) Q(s,a) ∇_θπ_θ(a|s) = Φᵀw,
 *   w(s,a) = η(s) π(a|s) (Q(s,a) − Σ_b π(b|s) Q(s,b)),
 * </pre>
 * using ∇π(a|s) = π(a|s)(φ(s,a) − Σ<sub>b</sub>π(b|s)φ(s,b)) for the softmax. Here
 * η = (I − γP<sub>π</sub><sup>T</sup>)⁻¹ρ₀ is the discounted occupancy measure and
 * Q(s,a) = r(s,a) + γΣ p(s'|s,a)V(s').
 *
 * <p><b>Evaluation.</b> If the transition graph is acyclic ({@link StronglyConnectedComponents#acyclicOrder}, checked once
 * at construction), V is computed by one pass in topological order (successors first) and η by
 * one pass in the opposite order: exact up to rounding, O(T) each, and for γ = 1 no termination
 * check is needed (every policy of an acyclic model terminates). Otherwise each gradient costs
 * two sparse linear solves (V and η;
 * for γ = 1 the evaluator adds one for its error bound and a graph check that π<sub>θ</sub>
 * terminates), by {@link EvaluationWorkspace}, reused across calls, with V warm-started from the
 * previous call. "Exact" means exact up to the evaluator's tolerance: with ‖V − V<sub>π</sub>‖∞ ≤ ε
 * and ‖η − η<sub>π</sub>‖₁ ≤ ε, J is within ε·Σρ₀ and every gradient term inherits errors of the
 * same order (no sampling).
 *
 * <p>Not thread-safe (it owns a workspace and scratch arrays); O(C) memory besides the workspace.
 * Per evaluation it allocates only the immutable {@link StochasticPolicy} of θ (one array of C
 * probabilities) and, on the Krylov path, the evaluator's result vectors.
 */
public final class PolicyGradient {
    private final SoftmaxPolicy family;
    private final Mdp mdp;
    private final EvaluationWorkspace workspace;
    private final double[] rho0;
    private final double[] probabilities;
    private final double[] q;
    private final double[] weights;
    private double[] advantage;
    private double[] mass;
    private double[] denominator;

    private final int[] order; // successors first, or null: Krylov evaluation
    private final double[] valueBuffer; // topological passes only: reused across evaluations
    private final double[] etaBuffer;
    private double[] lastTheta;
    private StochasticPolicy lastPolicy;
    private double[] values;
    private double[] eta;
    private double valueErrorBound;
    private long evaluations;

    /** With ρ₀ uniform over the model's initial states. */
    public PolicyGradient(SoftmaxPolicy family, PolicyEvaluator evaluator) {
        this(family, evaluator, PolicyEvaluator.uniformInitialDistribution(family.mdp()));
    }

    /**
     * With a given initial distribution (copied; non-negative, finite).
     *
     * @throws IllegalArgumentException if ρ₀ has the wrong length or a negative or non-finite entry
     */
    public PolicyGradient(SoftmaxPolicy family, PolicyEvaluator evaluator, double[] rho0) {
        this(family, evaluator, rho0, true);
    }

    /**
     * With a given initial distribution; {@code topologicalPasses = false} forces the Krylov
     * evaluation even for acyclic models (for comparisons and benchmarks).
     *
     * @throws IllegalArgumentException if ρ₀ has the wrong length or a negative or non-finite entry
     */
    public PolicyGradient(SoftmaxPolicy family, PolicyEvaluator evaluator, double[] rho0, boolean topologicalPasses) {
        this.family = family;
        this.mdp = family.mdp();
        if (rho0.length != mdp.numStates()) {
            throw new IllegalArgumentException("initial distribution has " + rho0.length + " entries, the model has "
                    + mdp.numStates() + " states");
        }
        for (int s = 0; s < rho0.length; s++) {
            if (!(rho0[s] >= 0) || !Double.isFinite(rho0[s])) {
                throw new IllegalArgumentException("initial distribution: entry " + s + " is " + rho0[s]);
            }
        }
        this.rho0 = rho0.clone();
        this.workspace = evaluator.workspace(mdp);
        this.probabilities = new double[mdp.numChoices()];
        this.q = new double[mdp.numChoices()];
        this.weights = new double[mdp.numChoices()];
        this.order = topologicalPasses ? StronglyConnectedComponents.acyclicOrder(mdp) : null;
        this.valueBuffer = order != null ? new double[mdp.numStates()] : null;
        this.etaBuffer = order != null ? new double[mdp.numStates()] : null;
    }

    /** The policy family. */
    public SoftmaxPolicy family() {
        return family;
    }

    /** The initial distribution ρ₀ (a copy). */
    public double[] initialDistribution() {
        return rho0.clone();
    }

    /**
     * J(θ) = Σ ρ₀ V<sub>π<sub>θ</sub></sub> (one policy evaluation; the result is cached so that a
     * following {@link #objectiveAndGradient} at the same θ needs only the occupancy solve).
     *
     * @throws IllegalArgumentException if θ has the wrong length, or γ = 1 and π<sub>θ</sub> does
     *                                  not terminate from some state
     */
    public double objective(double[] theta) {
        evaluateValues(theta);
        return weightedValue();
    }

    /**
     * J(θ), with ∇J(θ) written into {@code gradient} (length P).
     *
     * @throws IllegalArgumentException as {@link #objective}, or if {@code gradient} has the wrong length
     */
    public double objectiveAndGradient(double[] theta, double[] gradient) {
        return objectiveAndGradient(theta, gradient, null);
    }

    /**
     * J(θ), with ∇J(θ) written into {@code gradient} and, if {@code natural} is not null, the
     * natural gradient F⁺∇J into {@code natural} (length P). The natural gradient is available for
     * {@link TabularSoftmax} families only, where it has a closed form (Kakade, NIPS 2001; Agarwal,
     * Kakade, Lee and Mahajan, JMLR 22, 2021, §5.3): for the parameter of observation o and action
     * label a (for {@link TabularSoftmax#perChoice} every state is its own observation),
     * <pre>
     *   d(o, a) = Σ_{s∈o} η(s) (Q(s,a) − Σ_b π(b|s) Q(s,b)) / Σ_{s∈o} η(s),
     * </pre>
     * the advantage of a averaged over the states of o weighted by their occupancy (the Fisher
     * matrix F = Σ<sub>s</sub> η(s) Cov<sub>π(·|s)</sub>[φ] is block diagonal with blocks
     * η(o)(diag π<sub>o</sub> − π<sub>o</sub>π<sub>o</sub><sup>T</sup>), and d solves F d = ∇J up to
     * the constant vector of each block, which does not change the policy). Observations with zero
     * occupancy get d = 0. Unlike ∇J, d does not shrink with the occupancy of an observation, so
     * it does not vanish at observations the policy has learned to avoid.
     *
     * @throws IllegalArgumentException as {@link #objective}, if a length is wrong, or if
     *                                  {@code natural} is given for a family that is not tabular
     */
    public double objectiveAndGradient(double[] theta, double[] gradient, double[] natural) {
        if (gradient.length != family.numParameters()) {
            throw new IllegalArgumentException("expected a gradient of length " + family.numParameters() + ", got "
                    + gradient.length);
        }
        if (natural != null && !(family instanceof TabularSoftmax)) {
            throw new IllegalArgumentException("the natural gradient is implemented for tabular softmax families only,"
                    + " not " + family.describe());
        }
        if (natural != null && natural.length != family.numParameters()) {
            throw new IllegalArgumentException("expected a natural gradient of length " + family.numParameters()
                    + ", got " + natural.length);
        }
        evaluateValues(theta);
        if (order != null) {
            eta = acyclicOccupancy(lastPolicy.probabilityArray());
        } else {
            eta = workspace.occupancy(lastPolicy, rho0).occupancy();
        }
        QValues.into(mdp, values, q);
        final int[] choiceStart = mdp.choiceStartArray();
        final double[] pi = lastPolicy.probabilityArray();
        if (natural != null && advantage == null) {
            advantage = new double[mdp.numChoices()];
            mass = new double[mdp.numChoices()];
            denominator = new double[family.numParameters()];
        }
        for (int s = 0, n = mdp.numStates(); s < n; s++) {
            int from = choiceStart[s];
            int to = choiceStart[s + 1];
            double mean = 0.0;
            for (int c = from; c < to; c++) {
                mean += pi[c] * q[c];
            }
            double e = eta[s];
            for (int c = from; c < to; c++) {
                weights[c] = e * pi[c] * (q[c] - mean);
            }
            if (natural != null) {
                double w = Math.max(0.0, e); // Krylov noise may leave tiny negative occupancies
                for (int c = from; c < to; c++) {
                    advantage[c] = w * (q[c] - mean);
                    mass[c] = w;
                }
            }
        }
        family.transposeTimes(weights, gradient);
        if (natural != null) {
            family.transposeTimes(advantage, natural);
            family.transposeTimes(mass, denominator);
            for (int k = 0; k < natural.length; k++) {
                natural[k] = denominator[k] > 0 ? natural[k] / denominator[k] : 0.0;
            }
        }
        return weightedValue();
    }

    /**
     * The most advantageous action at θ (see {@link ActionSwitch}), from the natural-gradient pass
     * of {@link #objectiveAndGradient(double[], double[], double[])}: the parameter k with the
     * largest sign-adjusted natural-gradient component among observations of positive occupancy.
     * Costs one occupancy solve (the values are cached per θ).
     *
     * @throws IllegalArgumentException as {@link #objective}, or if the family is not a {@link TabularSoftmax}
     */
    public ActionSwitch bestSwitch(double[] theta) {
        int p = family.numParameters();
        double[] g = new double[p];
        double[] d = new double[p];
        objectiveAndGradient(theta, g, d);
        double sign = mdp.objective() == org.sparsemdp.model.Objective.MINIMIZE ? 1.0 : -1.0;
        int best = -1;
        double bestAdvantage = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < p; k++) {
            double advantage = -sign * d[k];
            if (denominator[k] > 0 && advantage > bestAdvantage) {
                bestAdvantage = advantage;
                best = k;
            }
        }
        if (best < 0) {
            return new ActionSwitch(-1, 0.0, 0.0, 0.0);
        }
        TabularSoftmax tabular = (TabularSoftmax) family;
        double probability = 0.0;
        for (int c = 0, m = mdp.numChoices(); c < m; c++) {
            if (tabular.parameterOf(c) == best) {
                probability = lastPolicy.probabilityArray()[c];
                break;
            }
        }
        return new ActionSwitch(best, denominator[best], bestAdvantage, probability);
    }

    /** The policy of the last evaluated θ, or null before the first call. */
    public StochasticPolicy lastPolicy() {
        return lastPolicy;
    }

    /**
     * The values V of the last evaluated θ, or null before the first call. Not copied: on the
     * topological path the array is reused by the next evaluation.
     */
    public double[] lastValues() {
        return values;
    }

    /**
     * Bound on ‖V − V<sub>π</sub>‖∞ of {@link #lastValues()}: 0 on the exact acyclic path,
     * otherwise the evaluator's (see {@link org.sparsemdp.evaluate.PolicyValues#errorBound()}).
     */
    public double lastErrorBound() {
        return valueErrorBound;
    }

    /** Whether the model is acyclic, so that V and η are computed exactly by topological passes. */
    public boolean exactAcyclic() {
        return order != null;
    }

    /** Number of policy evaluations (value solves) performed so far. */
    public long evaluations() {
        return evaluations;
    }

    private void evaluateValues(double[] theta) {
        if (lastTheta != null && Arrays.equals(theta, lastTheta)) {
            return;
        }
        family.probabilities(theta, probabilities);
        StochasticPolicy policy = StochasticPolicy.of(mdp, probabilities);
        if (order != null) {
            values = acyclicValues(policy.probabilityArray());
            valueErrorBound = 0.0;
        } else {
            PolicyValues v = workspace.evaluate(policy, values, workspace.options().tolerance());
            values = v.values();
            valueErrorBound = v.errorBound();
        }
        evaluations++;
        lastTheta = theta.clone();
        lastPolicy = policy;
        eta = null;
    }

    /** V<sub>π</sub> by one pass in topological order, successors first (exact up to rounding). */
    private double[] acyclicValues(double[] pi) {
        final int[] choiceStart = mdp.choiceStartArray();
        final int[] transStart = mdp.transitionStartArray();
        final int[] successor = mdp.successorArray();
        final double[] probability = mdp.probabilityArray();
        final double[] reward = mdp.rewardArray();
        final double gamma = mdp.discount();
        double[] v = valueBuffer;
        for (int s : order) {
            double sum = 0.0;
            for (int c = choiceStart[s]; c < choiceStart[s + 1]; c++) {
                double expected = 0.0;
                for (int k = transStart[c]; k < transStart[c + 1]; k++) {
                    expected += probability[k] * v[successor[k]];
                }
                sum += pi[c] * (reward[c] + gamma * expected);
            }
            v[s] = sum;
        }
        return v;
    }

    /** η = ρ₀ + γP<sub>π</sub><sup>T</sup>η by one pass in topological order, predecessors first. */
    private double[] acyclicOccupancy(double[] pi) {
        final int[] choiceStart = mdp.choiceStartArray();
        final int[] transStart = mdp.transitionStartArray();
        final int[] successor = mdp.successorArray();
        final double[] probability = mdp.probabilityArray();
        final double gamma = mdp.discount();
        double[] e = etaBuffer;
        System.arraycopy(rho0, 0, e, 0, e.length);
        for (int i = order.length - 1; i >= 0; i--) {
            int s = order[i];
            double es = e[s];
            if (es == 0.0) {
                continue;
            }
            for (int c = choiceStart[s]; c < choiceStart[s + 1]; c++) {
                double a = gamma * pi[c] * es;
                for (int k = transStart[c]; k < transStart[c + 1]; k++) {
                    e[successor[k]] += a * probability[k];
                }
            }
        }
        return e;
    }

    private double weightedValue() {
        double[] v = values;
        double j = 0.0;
        for (int s = 0; s < v.length; s++) {
            if (rho0[s] != 0.0) {
                j += rho0[s] * v[s];
            }
        }
        return j;
    }
}
