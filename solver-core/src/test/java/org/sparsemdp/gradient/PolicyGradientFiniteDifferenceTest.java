package org.sparsemdp.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparsemdp.evaluate.PolicyEvaluator;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.testing.RandomMdps;

/**
 * The library's J and ∇J against an independent dense evaluation (J) and central finite
 * differences of that dense J (∇J), for the three parametrisations, γ &lt; 1 and terminating
 * γ = 1 models, with cycles and several initial states.
 */
class PolicyGradientFiniteDifferenceTest {
    private static final PolicyEvaluator ACCURATE = PolicyEvaluator.builder().tolerance(1e-11).build();
    private static final double H = 1e-5;

    /** γ = 1 with cycles: every choice exits to the terminal last state with probability ≥ 0.15. */
    static Mdp terminating(long seed, int states, int maxActions, Objective objective) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int done = states - 1;
        MdpBuilder b = new MdpBuilder(states).discount(1.0).objective(objective).initialStates(0, 1);
        for (int s = 0; s < done; s++) {
            int actions = 1 + rnd.nextInt(maxActions);
            for (int a = 0; a < actions; a++) {
                b.startChoice(s, "a" + a, -5 + 20 * rnd.nextDouble());
                double exit = 0.15 + 0.3 * rnd.nextDouble();
                b.addTransition(done, exit);
                int t1 = rnd.nextInt(done);
                int t2 = (t1 + 1 + rnd.nextInt(done - 1)) % done;
                double split = rnd.nextDouble();
                b.addTransition(t1, (1 - exit) * split);
                b.addTransition(t2, (1 - exit) * (1 - split));
                b.finishChoice();
            }
        }
        return b.build();
    }

    /** An acyclic model: state s moves only to higher-numbered states; the last one is terminal. */
    static Mdp acyclic(long seed, int n, double gamma) {
        SplittableRandom rnd = new SplittableRandom(seed);
        MdpBuilder b = new MdpBuilder(n).discount(gamma).objective(Objective.MINIMIZE).initialStates(0, 1, 2);
        for (int s = 0; s < n - 1; s++) {
            int actions = 1 + rnd.nextInt(4);
            for (int a = 0; a < actions; a++) {
                b.startChoice(s, "a" + a, 10 * rnd.nextDouble());
                int t1 = s + 1 + rnd.nextInt(n - s - 1);
                int t2 = s + 1 + rnd.nextInt(n - s - 1);
                double p = t1 == t2 ? 1.0 : 0.2 + 0.6 * rnd.nextDouble();
                b.addTransition(t1, p);
                if (t1 != t2) {
                    b.addTransition(t2, 1 - p);
                }
                b.finishChoice();
            }
        }
        return b.build();
    }

    @ParameterizedTest
    @CsvSource({"1.0, 51", "0.9, 52", "1.0, 53"})
    void acyclicModelsUseTheExactPassesAndAgree(double gamma, long seed) {
        Mdp mdp = acyclic(seed, 15, gamma);
        TabularSoftmax family = TabularSoftmax.perChoice(mdp);
        assertEquals(true, new PolicyGradient(family, ACCURATE).exactAcyclic());
        assertEquals(false, new PolicyGradient(TabularSoftmax.perChoice(model(gamma, seed)), ACCURATE).exactAcyclic());
        double[] theta = randomTheta(family.numParameters(), seed);
        check(family, t -> t.clone(), theta);
        checkNatural(family, theta);
    }

    static Mdp model(double gamma, long seed) {
        return gamma < 1 ? RandomMdps.random(seed, 12, 4, 3, gamma, Objective.MAXIMIZE, 0.15).withInitialStates(0, 3, 5)
                : terminating(seed, 12, 4, Objective.MINIMIZE);
    }

    static double[] randomTheta(int p, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] t = new double[p];
        for (int i = 0; i < p; i++) {
            t[i] = -1.5 + 3 * rnd.nextDouble();
        }
        return t;
    }

    static double[] rho(Mdp mdp) {
        int[] init = mdp.initialStates();
        double[] r = new double[mdp.numStates()];
        for (int s : init) {
            r[s] += 1.0 / init.length;
        }
        return r;
    }

    /** Checks J and every partial derivative; {@code logits} is the test's own map θ ↦ z. */
    static void check(SoftmaxPolicy family, Function<double[], double[]> logits, double[] theta) {
        Mdp mdp = family.mdp();
        double[] rho0 = rho(mdp);
        PolicyGradient pg = new PolicyGradient(family, ACCURATE);
        double[] g = new double[theta.length];
        double j = pg.objectiveAndGradient(theta, g);
        double jDense = DenseSoftmax.objective(mdp, logits.apply(theta), rho0);
        assertEquals(jDense, j, 1e-8 * Math.max(1, Math.abs(jDense)), "J");
        assertEquals(jDense, pg.objective(theta), 1e-8 * Math.max(1, Math.abs(jDense)), "cached J");
        double gMax = 0;
        for (double x : g) {
            gMax = Math.max(gMax, Math.abs(x));
        }
        for (int i = 0; i < theta.length; i++) {
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[i] += H;
            minus[i] -= H;
            double fd = (DenseSoftmax.objective(mdp, logits.apply(plus), rho0)
                    - DenseSoftmax.objective(mdp, logits.apply(minus), rho0)) / (2 * H);
            assertEquals(fd, g[i], 1e-6 * Math.max(1, gMax), "dJ/dtheta_" + i);
        }
    }

    @ParameterizedTest
    @CsvSource({"0.9, 1", "0.99, 2", "0.5, 3", "1.0, 4", "1.0, 5"})
    void tabular(double gamma, long seed) {
        Mdp mdp = model(gamma, seed);
        TabularSoftmax family = TabularSoftmax.perChoice(mdp);
        assertEquals(mdp.numChoices(), family.numParameters());
        check(family, theta -> theta.clone(), randomTheta(family.numParameters(), seed));
    }

    @ParameterizedTest
    @CsvSource({"0.9, 11", "0.95, 12", "1.0, 13", "1.0, 14"})
    void linearFeatures(double gamma, long seed) {
        Mdp mdp = model(gamma, seed);
        int d = 4;
        SplittableRandom rnd = new SplittableRandom(seed * 31);
        double[] phi = new double[mdp.numChoices() * d];
        for (int i = 0; i < phi.length; i++) {
            phi[i] = -1 + 2 * rnd.nextDouble();
        }
        LinearSoftmax dense = LinearSoftmax.of(mdp, d, phi);
        LinearSoftmax functional = LinearSoftmax.of(mdp, d, (s, c, out) -> {
            for (int j = 0; j < d; j++) {
                out[j] = phi[c * d + j];
            }
        });
        Function<double[], double[]> logits = theta -> {
            double[] z = new double[mdp.numChoices()];
            for (int c = 0; c < z.length; c++) {
                for (int j = 0; j < d; j++) {
                    z[c] += phi[c * d + j] * theta[j];
                }
            }
            return z;
        };
        double[] theta = randomTheta(d, seed);
        check(dense, logits, theta);
        check(functional, logits, theta);
    }

    /**
     * A model whose states are grouped by observation; states of a group list the group's labels
     * in different orders, with their own rewards and transitions.
     */
    static Mdp observed(long seed, double gamma, int[] obs) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = obs.length + 1; // last state terminal
        String[][] labelsOf = {{"x", "y", "z"}, {"y", "w"}, {"u", "v", "w", "x"}, {"z"}};
        MdpBuilder b = new MdpBuilder(n).discount(gamma).objective(Objective.MINIMIZE).initialStates(0);
        for (int s = 0; s < obs.length; s++) {
            String[] labels = labelsOf[obs[s] % labelsOf.length].clone();
            for (int i = labels.length - 1; i > 0; i--) { // shuffle: the order differs between states
                int k = rnd.nextInt(i + 1);
                String t = labels[i];
                labels[i] = labels[k];
                labels[k] = t;
            }
            for (String label : labels) {
                b.startChoice(s, label, 10 * rnd.nextDouble());
                double exit = gamma < 1 ? 0.05 : 0.2;
                b.addTransition(n - 1, exit);
                b.addTransition(rnd.nextInt(obs.length), 1 - exit);
                b.finishChoice();
            }
        }
        return b.build();
    }

    @ParameterizedTest
    @CsvSource({"0.9, 21", "1.0, 22", "0.97, 23", "1.0, 24"})
    void observationShared(double gamma, long seed) {
        int[] obs = {0, 1, 0, 2, 1, 0, 2, 3, 0, 1};
        Mdp mdp = observed(seed, gamma, obs);
        int[] fullObs = java.util.Arrays.copyOf(obs, mdp.numStates());
        fullObs[mdp.numStates() - 1] = 0; // the terminal state's observation is ignored
        TabularSoftmax family = TabularSoftmax.overObservations(mdp, fullObs);
        // the documented numbering, re-derived here: first state of each observation, its choice order
        Map<String, Integer> index = new HashMap<>();
        int[] param = new int[mdp.numChoices()];
        for (int s = 0; s < obs.length; s++) {
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                String key = obs[s] + "|" + mdp.actionLabel(c);
                index.putIfAbsent(key, index.size());
                param[c] = index.get(key);
                assertEquals(param[c], family.parameterOf(c), "parameter of choice " + c);
            }
        }
        assertEquals(3 + 2 + 4 + 1, family.numParameters());
        assertEquals(4, family.numObservations());
        double[] theta = randomTheta(family.numParameters(), seed);
        check(family, t -> {
            double[] z = new double[mdp.numChoices()];
            for (int c = 0; c < z.length; c++) {
                z[c] = t[param[c]];
            }
            return z;
        }, theta);
        checkNatural(family, theta);
    }

    @ParameterizedTest
    @CsvSource({"0.9, 41", "1.0, 42"})
    void naturalGradientPerChoice(double gamma, long seed) {
        Mdp mdp = model(gamma, seed);
        TabularSoftmax family = TabularSoftmax.perChoice(mdp);
        checkNatural(family, randomTheta(family.numParameters(), seed));
    }

    /**
     * The natural gradient d solves F d = ∇J with the Fisher matrix
     * F = Σ_s η(s) Σ_a π(a|s)(φ(s,a) − φ̄(s))(φ(s,a) − φ̄(s))ᵀ built densely here from a dense η.
     */
    static void checkNatural(TabularSoftmax family, double[] theta) {
        Mdp mdp = family.mdp();
        int p = family.numParameters();
        double[] rho0 = rho(mdp);
        double[] g = new double[p];
        double[] d = new double[p];
        new PolicyGradient(family, ACCURATE).objectiveAndGradient(theta, g, d);
        double[] z = new double[mdp.numChoices()];
        for (int c = 0; c < z.length; c++) {
            z[c] = theta[family.parameterOf(c)];
        }
        double[] pi = DenseSoftmax.softmax(mdp, z);
        double[] eta = DenseSoftmax.occupancy(mdp, pi, rho0);
        double[][] fisher = new double[p][p];
        for (int s = 0; s < mdp.numStates(); s++) {
            double[] mean = new double[p];
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                mean[family.parameterOf(c)] += pi[c];
            }
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                double[] centred = mean.clone();
                for (int i = 0; i < p; i++) {
                    centred[i] = -centred[i];
                }
                centred[family.parameterOf(c)] += 1;
                for (int i = 0; i < p; i++) {
                    if (centred[i] != 0) {
                        for (int k = 0; k < p; k++) {
                            fisher[i][k] += eta[s] * pi[c] * centred[i] * centred[k];
                        }
                    }
                }
            }
        }
        double gMax = 0;
        for (double x : g) {
            gMax = Math.max(gMax, Math.abs(x));
        }
        for (int i = 0; i < p; i++) {
            double fd = 0;
            for (int k = 0; k < p; k++) {
                fd += fisher[i][k] * d[k];
            }
            assertEquals(g[i], fd, 1e-7 * Math.max(1, gMax), "(F d)_" + i);
        }
    }
}
