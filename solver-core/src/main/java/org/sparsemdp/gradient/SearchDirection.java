package org.sparsemdp.gradient;

/** The search direction of a {@link GradientOptimizer}. */
public enum SearchDirection {
    /** Steepest descent (ascent for rewards) along ∇J, with Barzilai–Borwein trial steps. */
    GRADIENT,
    /**
     * The natural gradient F⁺∇J of a {@link TabularSoftmax} family (see
     * {@link PolicyGradient#objectiveAndGradient(double[], double[], double[])}): the
     * occupancy-weighted advantages per observation and action, which do not vanish at rarely
     * visited observations; trial steps double the last accepted one.
     */
    NATURAL
}
