package org.sparsemdp.graph;

import java.util.Arrays;
import org.sparsemdp.model.Mdp;

/**
 * The strongly connected components (SCCs) of the state graph of an {@link Mdp} (an edge s → t
 * when some choice of s reaches t with positive probability), in reverse topological order.
 *
 * <p><b>Algorithm.</b> Tarjan's algorithm (Tarjan 1972, "Depth-first search and linear graph
 * algorithms", SIAM J. Comput. 1(2)), run iteratively with an explicit call stack over the CSR
 * arrays (no recursion, so models with millions of states cannot overflow the Java stack).
 * Time O(S + T); memory 6 ints per state during the search, 2 per state plus 1 per component
 * afterwards. Tarjan emits a component only after every component reachable from it, so
 * component 0 is a sink and every edge leaving component c enters a component with a smaller
 * index: solving components 0, 1, 2, ... in order sees every successor value already solved.
 */
public final class StronglyConnectedComponents {
    private final int[] component;
    private final int[] order;
    private final int[] start;

    private StronglyConnectedComponents(int[] component, int[] order, int[] start) {
        this.component = component;
        this.order = order;
        this.start = start;
    }

    /** Computes the components of {@code mdp}'s state graph. */
    public static StronglyConnectedComponents of(Mdp mdp) {
        return of(mdp.numStates(), mdp.choiceStartArray(), mdp.transitionStartArray(), mdp.successorArray());
    }

    /**
     * Computes the components of the graph given in CSR form: state s owns choices
     * {@code choiceStart[s] .. choiceStart[s+1]-1}, choice c the successors
     * {@code successor[transStart[c] .. transStart[c+1]-1]} (probabilities are not needed, so
     * sub-stochastic systems such as reduced equation systems qualify too).
     */
    public static StronglyConnectedComponents of(int n, int[] choiceStart, int[] transStart, int[] successor) {
        final int[] index = new int[n];
        final int[] low = new int[n];
        final int[] component = new int[n];
        final int[] stack = new int[n];
        final int[] callState = new int[n];
        final int[] callEdge = new int[n];
        Arrays.fill(index, -1);
        Arrays.fill(component, -1);
        int counter = 0;
        int count = 0;
        int sp = 0;
        for (int root = 0; root < n; root++) {
            if (index[root] >= 0) {
                continue;
            }
            index[root] = counter;
            low[root] = counter++;
            stack[sp++] = root;
            callState[0] = root;
            callEdge[0] = transStart[choiceStart[root]];
            int csp = 1;
            while (csp > 0) {
                final int s = callState[csp - 1];
                final int k = callEdge[csp - 1];
                if (k < transStart[choiceStart[s + 1]]) {
                    callEdge[csp - 1] = k + 1;
                    final int t = successor[k];
                    if (index[t] < 0) {
                        index[t] = counter;
                        low[t] = counter++;
                        stack[sp++] = t;
                        callState[csp] = t;
                        callEdge[csp] = transStart[choiceStart[t]];
                        csp++;
                    } else if (component[t] < 0 && index[t] < low[s]) { // t is on the stack
                        low[s] = index[t];
                    }
                } else {
                    csp--;
                    if (low[s] == index[s]) {
                        int x;
                        do {
                            x = stack[--sp];
                            component[x] = count;
                        } while (x != s);
                        count++;
                    }
                    if (csp > 0) {
                        final int parent = callState[csp - 1];
                        if (low[s] < low[parent]) {
                            low[parent] = low[s];
                        }
                    }
                }
            }
        }
        // group the states by component (counting sort, stable: increasing state within a component)
        int[] start = new int[count + 1];
        for (int s = 0; s < n; s++) {
            start[component[s] + 1]++;
        }
        for (int c = 0; c < count; c++) {
            start[c + 1] += start[c];
        }
        int[] fill = Arrays.copyOf(start, count);
        int[] order = new int[n];
        for (int s = 0; s < n; s++) {
            order[fill[component[s]]++] = s;
        }
        return new StronglyConnectedComponents(component, order, start);
    }

    /**
     * A topological order of an acyclic state graph: the states with every successor before its
     * predecessors (terminal states first), or null if the graph has a cycle (a self-loop
     * counts). The graph is acyclic exactly when every component is a single state without a
     * self-loop, and then {@link #orderArray()} is such an order. O(S + T).
     */
    public static int[] acyclicOrder(Mdp mdp) {
        final int n = mdp.numStates();
        final int[] choiceStart = mdp.choiceStartArray();
        final int[] transStart = mdp.transitionStartArray();
        final int[] successor = mdp.successorArray();
        for (int s = 0; s < n; s++) {
            for (int k = transStart[choiceStart[s]], end = transStart[choiceStart[s + 1]]; k < end; k++) {
                if (successor[k] == s) {
                    return null;
                }
            }
        }
        StronglyConnectedComponents scc = of(mdp);
        return scc.count() == n ? scc.order : null;
    }

    /** Number of components. */
    public int count() {
        return start.length - 1;
    }

    /** The component of state {@code s}. */
    public int componentOf(int s) {
        return component[s];
    }

    /** Number of states of component {@code c}. */
    public int size(int c) {
        return start[c + 1] - start[c];
    }

    /**
     * The states grouped by component, components in index order (reverse topological), states
     * increasing within a component; component c occupies positions [start(c), end(c)). The
     * internal array, not a copy: do not modify.
     */
    public int[] orderArray() {
        return order;
    }

    /** The per-state component index array (internal, do not modify). */
    public int[] componentArray() {
        return component;
    }

    /** First position of component {@code c} in {@link #orderArray()}. */
    public int start(int c) {
        return start[c];
    }

    /** One past the last position of component {@code c} in {@link #orderArray()}. */
    public int end(int c) {
        return start[c + 1];
    }
}
