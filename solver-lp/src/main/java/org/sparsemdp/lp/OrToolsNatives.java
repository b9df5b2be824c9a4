package org.sparsemdp.lp;

import com.google.ortools.Loader;

/**
 * The one place that loads OR-Tools' native libraries (JNI), once per class loader and
 * thread-safely (initialization-on-demand holder: the JVM runs the holder's static initializer
 * exactly once, with the required happens-before edges).
 *
 * <p>{@link Loader#loadNativeLibraries()} extracts the platform's shared library from the
 * {@code ortools-<platform>} jar on the class path into a temporary directory and loads it;
 * it prints nothing. Public so that other packages of this module (the bilevel solvers) load the
 * natives through this same holder.
 */
public final class OrToolsNatives {
    private OrToolsNatives() {
    }

    private static final class Holder {
        static final boolean LOADED;

        static {
            Loader.loadNativeLibraries();
            LOADED = true;
        }
    }

    /**
     * Loads the native libraries if this has not been done yet.
     *
     * @throws UnsatisfiedLinkError if no native library for this platform is on the class path
     *                              (only linux-x86-64 is included by default; see solver-lp's pom)
     */
    public static void ensureLoaded() {
        if (!Holder.LOADED) {
            throw new IllegalStateException("OR-Tools native libraries failed to load");
        }
    }
}
