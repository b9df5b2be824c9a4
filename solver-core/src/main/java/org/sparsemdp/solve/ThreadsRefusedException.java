package org.sparsemdp.solve;

/**
 * More than one worker thread was requested ({@link SolverOptions#threads()}) from a sequential
 * method: thrown by {@link SolverOptions#requireSequential} so that a thread count is refused,
 * never silently ignored. A usage error of the caller, not a problem of the model.
 */
public final class ThreadsRefusedException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String method;
    private final int threads;

    /** The refusal of {@code threads} threads by {@code method}, with the message of {@link SolverOptions#sequentialMessage}. */
    public ThreadsRefusedException(String method, int threads) {
        super(SolverOptions.sequentialMessage(method, threads));
        this.method = method;
        this.threads = threads;
    }

    /** The sequential method's name. */
    public String method() {
        return method;
    }

    /** The number of threads requested. */
    public int threads() {
        return threads;
    }
}
