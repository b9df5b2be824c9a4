package org.sparsemdp.model;

/**
 * Direction of optimisation of an MDP.
 *
 * <p>{@link #MINIMIZE} treats the per-choice numbers as costs to be minimised, {@link #MAXIMIZE}
 * as rewards to be maximised. Solvers use {@link #isBetter(double, double)} and {@link #worst()}
 * so that one loop serves both directions.
 */
public enum Objective {
    /** Costs: the optimal value is the minimum over policies. */
    MINIMIZE("min"),
    /** Rewards: the optimal value is the maximum over policies. */
    MAXIMIZE("max");

    private final String keyword;

    Objective(String keyword) {
        this.keyword = keyword;
    }

    /** The keyword used in files and on the command line: {@code min} or {@code max}. */
    public String keyword() {
        return keyword;
    }

    /** Whether {@code candidate} is strictly better than {@code incumbent} in this direction. */
    public boolean isBetter(double candidate, double incumbent) {
        return this == MINIMIZE ? candidate < incumbent : candidate > incumbent;
    }

    /** The identity of the optimisation: +infinity when minimising, -infinity when maximising. */
    public double worst() {
        return this == MINIMIZE ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /** The opposite direction. */
    public Objective opposite() {
        return this == MINIMIZE ? MAXIMIZE : MINIMIZE;
    }

    /**
     * Parses {@code min}, {@code max}, {@code minimize}, {@code maximize} (case-insensitive).
     *
     * @throws IllegalArgumentException for any other text
     */
    public static Objective parse(String text) {
        switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "min":
            case "minimize":
            case "minimise":
                return MINIMIZE;
            case "max":
            case "maximize":
            case "maximise":
                return MAXIMIZE;
            default:
                throw new IllegalArgumentException("objective must be 'min' or 'max', not '" + text + "'");
        }
    }
}
