package org.sparsemdp.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.Solvers;

class CertificateTest {
    @Test
    void factoriesSayWhatTheyPromise() {
        Certificate c = Certificate.certified(1e-6, 2e-6);
        assertEquals(Accuracy.CERTIFIED, c.accuracy());
        assertTrue(c.isProof());
        assertTrue(c.proves(2e-6));
        assertFalse(c.proves(1.5e-6), "the policy bound 2e-6 exceeds 1.5e-6");

        Certificate exact = Certificate.exact(true);
        assertEquals(0.0, exact.errorBound());
        assertEquals(0.0, exact.policyBound());
        assertTrue(exact.proves(0.0));
        assertFalse(Certificate.exact(false).boundsPolicy());

        Certificate guess = Certificate.estimated(1e-9, 1e-9);
        assertFalse(guess.isProof());
        assertFalse(guess.proves(1.0), "an estimate proves nothing however small");

        Certificate none = Certificate.none();
        assertEquals(Accuracy.ESTIMATED, none.accuracy());
        assertEquals(Double.POSITIVE_INFINITY, none.errorBound());
        assertTrue(Double.isNaN(none.policyBound()));
        assertSame(none, Certificate.none());
    }

    @Test
    void noCertificateClaimsAProofItCannotState() {
        assertThrows(IllegalArgumentException.class, () -> Certificate.certified(Double.NaN, 0.0));
        assertThrows(IllegalArgumentException.class, () -> Certificate.certified(-1e-9, 0.0));
        assertThrows(IllegalArgumentException.class, () -> Certificate.estimated(0.0, -1.0));
        assertThrows(IllegalArgumentException.class, () -> Certificate.of(null, 0.0, 0.0));
        assertEquals(Certificate.certified(1.0, Double.NaN), Certificate.of(Accuracy.CERTIFIED, 1.0, Double.NaN));
    }

    @Test
    void aSolutionWithoutCertificateIsNotBuilt() {
        Solution.Builder b = Solution.builder().method("m").status(Status.CONVERGED).values(new double[1])
                .policy(new int[] {-1}).errorBound(0.0);
        assertThrows(NullPointerException.class, b::build, "no accuracy, no solution");
        Solution s = b.certificate(Certificate.certified(0.5, 0.25)).build();
        assertEquals(Certificate.certified(0.5, 0.25), s.certificate());
        assertEquals(0.5, s.errorBound());
        assertEquals(0.25, s.policyBound());
        assertEquals(Accuracy.CERTIFIED, s.accuracy());
    }

    @Test
    void toBuilderKeepsEverything() {
        // forest seed model (pymdptoolbox, S = 3, r1 = 4, r2 = 2, p = 0.1, gamma 0.9): v* = (6561/250, 7371/250, 8371/250)
        MdpBuilder b = new MdpBuilder(3).objective(Objective.MAXIMIZE).discount(0.9);
        b.startChoice(0, "wait", 0).addTransition(0, 0.1).addTransition(1, 0.9);
        b.finishChoice();
        b.startChoice(0, "cut", 0).addTransition(0, 1.0);
        b.finishChoice();
        b.startChoice(1, "wait", 0).addTransition(0, 0.1).addTransition(2, 0.9);
        b.finishChoice();
        b.startChoice(1, "cut", 1).addTransition(0, 1.0);
        b.finishChoice();
        b.startChoice(2, "wait", 4).addTransition(0, 0.1).addTransition(2, 0.9);
        b.finishChoice();
        b.startChoice(2, "cut", 2).addTransition(0, 1.0);
        b.finishChoice();
        Mdp mdp = b.build();
        Solution s = Solvers.byName("vi").solve(mdp, SolverOptions.builder().epsilon(1e-9).build());
        assertEquals(6561.0 / 250, s.value(0), s.errorBound());
        assertEquals(8371.0 / 250, s.value(2), s.errorBound());
        Solution copy = s.toBuilder().method("renamed").build();
        assertEquals("renamed", copy.method());
        assertEquals(s.certificate(), copy.certificate());
        assertSame(s.values(), copy.values());
        assertSame(s.policy(), copy.policy());
        assertEquals(s.status(), copy.status());
        assertEquals(s.iterations(), copy.iterations());
        assertEquals(s.residual(), copy.residual());
        assertEquals(s.seconds(), copy.seconds());
    }
}
