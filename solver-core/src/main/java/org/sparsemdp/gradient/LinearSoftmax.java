package org.sparsemdp.gradient;

import org.sparsemdp.model.Mdp;

/**
 * Softmax policies over caller-supplied linear features: z(c) = Σ<sub>j</sub> θ<sub>j</sub> φ<sub>j</sub>(c)
 * with a dense feature row φ(c) ∈ ℝ<sup>d</sup> per choice (stored row-major, 8·C·d bytes).
 * Features of the choices of terminal states do not exist (terminal states have no choices).
 * Note that features constant across the choices of every state do not change the policy (the
 * softmax is invariant to adding a per-state constant), so their parameters have zero gradient.
 */
public final class LinearSoftmax extends SoftmaxPolicy {
    private final int d;
    private final double[] phi;

    private LinearSoftmax(Mdp mdp, int d, double[] phi) {
        super(mdp);
        this.d = d;
        this.phi = phi;
    }

    /**
     * From a dense matrix: {@code rowMajor[c * numFeatures + j]} = φ<sub>j</sub>(c) (copied).
     *
     * @throws IllegalArgumentException if the length is not C·d, d &lt; 1, or an entry is not finite
     */
    public static LinearSoftmax of(Mdp mdp, int numFeatures, double[] rowMajor) {
        if (numFeatures < 1) {
            throw new IllegalArgumentException("need at least one feature, got " + numFeatures);
        }
        if (rowMajor.length != (long) mdp.numChoices() * numFeatures) {
            throw new IllegalArgumentException("feature matrix has " + rowMajor.length + " entries, expected "
                    + mdp.numChoices() + " choices x " + numFeatures + " features");
        }
        double[] copy = rowMajor.clone();
        for (int i = 0; i < copy.length; i++) {
            if (!Double.isFinite(copy[i])) {
                throw new IllegalArgumentException("choice " + i / numFeatures + ", feature " + i % numFeatures
                        + ": " + copy[i] + " is not finite");
            }
        }
        return new LinearSoftmax(mdp, numFeatures, copy);
    }

    /**
     * From a function, called once per choice here; the rows are stored densely.
     *
     * @throws IllegalArgumentException if d &lt; 1 or a feature is not finite
     */
    public static LinearSoftmax of(Mdp mdp, int numFeatures, FeatureFunction features) {
        if (numFeatures < 1) {
            throw new IllegalArgumentException("need at least one feature, got " + numFeatures);
        }
        double[] phi = new double[Math.multiplyExact(mdp.numChoices(), numFeatures)];
        double[] row = new double[numFeatures];
        for (int s = 0; s < mdp.numStates(); s++) {
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                java.util.Arrays.fill(row, 0.0);
                features.features(s, c, row);
                for (int j = 0; j < numFeatures; j++) {
                    if (!Double.isFinite(row[j])) {
                        throw new IllegalArgumentException("state " + s + ", choice " + c + ", feature " + j + ": "
                                + row[j] + " is not finite");
                    }
                }
                System.arraycopy(row, 0, phi, c * numFeatures, numFeatures);
            }
        }
        return new LinearSoftmax(mdp, numFeatures, phi);
    }

    @Override
    public int numParameters() {
        return d;
    }

    /** φ<sub>j</sub>(c). */
    public double feature(int c, int j) {
        return phi[c * d + j];
    }

    @Override
    public void logits(double[] theta, double[] out) {
        int nc = mdp().numChoices();
        if (out.length != nc) {
            throw new IllegalArgumentException("expected " + nc + " logits, got " + out.length);
        }
        checkTheta(theta);
        final double[] f = phi;
        final int dd = d;
        for (int c = 0, row = 0; c < nc; c++, row += dd) {
            double z = 0.0;
            for (int j = 0; j < dd; j++) {
                z += f[row + j] * theta[j];
            }
            out[c] = z;
        }
    }

    @Override
    public void transposeTimes(double[] w, double[] out) {
        int nc = mdp().numChoices();
        if (w.length != nc || out.length != d) {
            throw new IllegalArgumentException("expected " + nc + " weights and " + d + " outputs, got " + w.length
                    + " and " + out.length);
        }
        java.util.Arrays.fill(out, 0.0);
        final double[] f = phi;
        final int dd = d;
        for (int c = 0, row = 0; c < nc; c++, row += dd) {
            double wc = w[c];
            if (wc != 0.0) {
                for (int j = 0; j < dd; j++) {
                    out[j] += wc * f[row + j];
                }
            }
        }
    }

    @Override
    public String describe() {
        return "linear(" + d + " features)";
    }
}
