package org.sparsemdp.evaluate;

/**
 * Selects the pure-Java F2J implementations of BLAS, LAPACK and ARPACK for netlib-java (used by
 * MTJ), so that MTJ never tries to load native libraries, which fail here and print warnings.
 *
 * <p>This is the one place in sparsemdp that sets these JVM-wide system properties. It sets each
 * only if the caller has not set it (a user who installed native netlib libraries keeps full
 * control), and it must run before netlib's {@code BLAS}/{@code LAPACK}/{@code ARPACK} classes
 * are initialised: every sparsemdp class that uses MTJ calls {@link #ensure()} first.
 */
public final class MtjSetup {
    /** netlib-java's system property naming the BLAS implementation class. */
    public static final String BLAS_PROPERTY = "com.github.fommil.netlib.BLAS";
    /** netlib-java's system property naming the LAPACK implementation class. */
    public static final String LAPACK_PROPERTY = "com.github.fommil.netlib.LAPACK";
    /** netlib-java's system property naming the ARPACK implementation class. */
    public static final String ARPACK_PROPERTY = "com.github.fommil.netlib.ARPACK";

    private static volatile boolean done;

    private MtjSetup() {
    }

    /** Selects the F2J implementations where the user has chosen none; idempotent and thread-safe. */
    public static void ensure() {
        if (done) {
            return;
        }
        synchronized (MtjSetup.class) {
            if (!done) {
                setIfAbsent(BLAS_PROPERTY, "com.github.fommil.netlib.F2jBLAS");
                setIfAbsent(LAPACK_PROPERTY, "com.github.fommil.netlib.F2jLAPACK");
                setIfAbsent(ARPACK_PROPERTY, "com.github.fommil.netlib.F2jARPACK");
                done = true;
            }
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
