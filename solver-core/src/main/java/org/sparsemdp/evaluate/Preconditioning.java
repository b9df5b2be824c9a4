package org.sparsemdp.evaluate;

/** The preconditioner applied to I − γP_π in policy evaluation. */
public enum Preconditioning {
    /** No preconditioning (identity). */
    NONE("none"),
    /** Jacobi: the inverse of the diagonal 1 − γ p(s|s,π), computed without assembling a matrix. */
    DIAGONAL("diagonal"),
    /**
     * Incomplete LU factorisation with zero fill-in (Meijerink &amp; van der Vorst 1977) of the
     * assembled matrix; stable for the M-matrix I − γP_π.
     */
    ILU0("ilu0");

    private final String keyword;

    Preconditioning(String keyword) {
        this.keyword = keyword;
    }

    /** The lower-case name used in option strings. */
    public String keyword() {
        return keyword;
    }

    /** Parses a keyword ({@code none}, {@code diagonal}, {@code ilu0}), case-insensitively. */
    public static Preconditioning parse(String text) {
        for (Preconditioning p : values()) {
            if (p.keyword.equalsIgnoreCase(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown preconditioner '" + text + "'; known: none, diagonal, ilu0");
    }
}
