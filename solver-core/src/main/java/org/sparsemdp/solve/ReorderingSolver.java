package org.sparsemdp.solve;

import org.sparsemdp.result.Solution;
import org.sparsemdp.graph.StateOrdering;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.PermutedMdp;

/**
 * A decorator that renumbers the states for memory locality before solving and maps the result
 * back: computes a {@link StateOrdering} of the model, builds the {@link PermutedMdp} (a copy
 * of the model in the new order), runs the wrapped solver on it, and returns a
 * {@link Solution} in the <em>original</em> numbering: values, per-state lower/upper bounds and
 * the policy (as original global choice indices) are permuted back; status, iterations,
 * residual, error and policy bounds are the wrapped solver's; the method is the wrapped solver's
 * with {@code reorder=...} added ({@link #name()}). These remain true: the permuted
 * model is the same MDP relabelled (probabilities and rewards copied unchanged), and v* and
 * every policy's value are invariant under relabelling. Only the floating-point summation order
 * of the sweeps changes, so values can differ from an unpermuted run in the last digits, always
 * within the reported bounds.
 *
 * <p>{@link Solution#seconds()} includes the ordering and the copy. Memory: a second copy of
 * the model, plus the undirected adjacency (8 bytes per transition) while the order is
 * computed. Worth it when the model is solved with many sweeps and its numbering hides its
 * locality (see {@link StateOrdering}).
 */
public final class ReorderingSolver implements Solver {
    private final Solver inner;
    private final StateOrdering ordering;

    /** Solves with {@code inner} after renumbering by {@code ordering}. */
    public ReorderingSolver(Solver inner, StateOrdering ordering) {
        this.inner = java.util.Objects.requireNonNull(inner, "inner");
        this.ordering = java.util.Objects.requireNonNull(ordering, "ordering");
    }

    /**
     * The wrapped solver's name, with {@code reorder=bfs|rcm} added to its settings
     * ({@link VariantName}), e.g. {@code gs[reorder=rcm]}; unchanged for {@link StateOrdering#NONE}.
     */
    @Override
    public String name() {
        return renamed(inner.name());
    }

    private String renamed(String method) {
        return ordering == StateOrdering.NONE ? method : VariantName.with(method, "reorder", ordering.keyword());
    }

    /** Whether the wrapped solver uses threads. */
    @Override
    public boolean usesThreads() {
        return inner.usesThreads();
    }

    /** The state ordering applied before solving. */
    public StateOrdering ordering() {
        return ordering;
    }

    @Override
    public Solution solve(Mdp mdp, SolverOptions options) {
        if (!inner.usesThreads()) {
            options.requireSequential(name()); // before the copy, naming the variant
        }
        if (ordering == StateOrdering.NONE) {
            return inner.solve(mdp, options);
        }
        final long start = System.nanoTime();
        PermutedMdp permuted = PermutedMdp.of(mdp, ordering.order(mdp));
        Solution s = inner.solve(permuted.permuted(), options);
        Solution.Builder b = Solution.builder()
                .method(renamed(s.method()))
                .status(s.status())
                .accuracy(s.accuracy())
                .values(permuted.valuesToOriginal(s.values()))
                .policy(permuted.policyToOriginal(s.policy()))
                .iterations(s.iterations())
                .residual(s.residual())
                .errorBound(s.errorBound())
                .policyBound(s.policyBound())
                .seconds((System.nanoTime() - start) / 1e9);
        if (s.lower() != null) {
            b.bounds(permuted.valuesToOriginal(s.lower()), permuted.valuesToOriginal(s.upper()));
        }
        return b.build();
    }
}
