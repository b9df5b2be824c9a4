package org.sparsemdp.evaluate;

import no.uib.cipr.matrix.Vector;
import no.uib.cipr.matrix.sparse.BiCGstab;
import no.uib.cipr.matrix.sparse.CGS;
import no.uib.cipr.matrix.sparse.GMRES;
import no.uib.cipr.matrix.sparse.IR;
import no.uib.cipr.matrix.sparse.IterativeSolver;

/**
 * The MTJ iterative solver used for the linear systems of policy evaluation (templates from
 * Barrett et al., <i>Templates for the Solution of Linear Systems</i>, SIAM 1994).
 */
public enum KrylovMethod {
    /** Restarted GMRES (Saad &amp; Schultz 1986); restart length set on {@link PolicyEvaluator}. */
    GMRES("gmres"),
    /** BiCGstab (van der Vorst 1992). */
    BICGSTAB("bicgstab"),
    /** Conjugate gradient squared (Sonneveld 1989). */
    CGS("cgs"),
    /**
     * Iterative refinement x ← x + M⁻¹(b − Ax): with no preconditioner this is value iteration
     * for the fixed policy, with the diagonal one Jacobi, with ILU(0) a Gauss–Seidel-like sweep.
     */
    IR("ir");

    private final String keyword;

    KrylovMethod(String keyword) {
        this.keyword = keyword;
    }

    /** The lower-case name used in option strings. */
    public String keyword() {
        return keyword;
    }

    /** Parses a keyword ({@code gmres}, {@code bicgstab}, {@code cgs}, {@code ir}), case-insensitively. */
    public static KrylovMethod parse(String text) {
        for (KrylovMethod m : values()) {
            if (m.keyword.equalsIgnoreCase(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown Krylov method '" + text + "'; known: gmres, bicgstab, cgs, ir");
    }

    /** A new MTJ solver with work vectors shaped like {@code template}. */
    IterativeSolver create(Vector template, int gmresRestart) {
        switch (this) {
            case GMRES:
                return new GMRES(template, gmresRestart);
            case BICGSTAB:
                return new BiCGstab(template);
            case CGS:
                return new CGS(template);
            default:
                return new IR(template);
        }
    }
}
