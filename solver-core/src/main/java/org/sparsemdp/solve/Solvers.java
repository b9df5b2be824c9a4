package org.sparsemdp.solve;

import org.sparsemdp.model.Mdp;
import org.sparsemdp.result.Solution;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The registry of solver methods by command-line name ({@code vi}, ...), with their default
 * configurations. Three sources, in this order of precedence:
 * <ol>
 *   <li>the built-in methods of solver-core ({@code vi}, {@code gs}, {@code sor}, {@code topological},
 *       {@code pi}, {@code mpi}; and {@code ii}, which solver-core publishes through
 *       {@link ServiceLoader} so that this package does not depend on {@code solve.undiscounted},
 *       listed before every other module's published methods);</li>
 *   <li>methods added at run time with {@link #register} (a researcher's variant, under a name of
 *       its own);</li>
 *   <li>{@link Solver} implementations published through {@link ServiceLoader} (a
 *       {@code META-INF/services/org.sparsemdp.solve.Solver} file listing classes with a public
 *       no-argument constructor), for example solver-lp's {@code lp} and {@code lp-dual} when that
 *       module is on the class path. They are looked up on first use.</li>
 * </ol>
 * Thread-safe.
 */
public final class Solvers {
    private static final Map<String, Supplier<Solver>> BY_NAME = new LinkedHashMap<>();
    private static boolean servicesLoaded;
    /** The package prefix of solver-core's solvers, whose published methods are listed before other modules'. */
    private static final String CORE_PACKAGE = "org.sparsemdp.solve.";

    static {
        BY_NAME.put(ValueIterationSolver.NAME, ValueIterationSolver::new);
        BY_NAME.put(GaussSeidelSolver.NAME, GaussSeidelSolver::new);
        BY_NAME.put(SorSolver.NAME, SorSolver::new);
        BY_NAME.put(TopologicalSolver.NAME, TopologicalSolver::new);
        BY_NAME.put(PolicyIterationSolver.NAME, PolicyIterationSolver::new);
        BY_NAME.put(ModifiedPolicyIterationSolver.NAME, ModifiedPolicyIterationSolver::new);
        // ii (solve.undiscounted, which depends on this package) is published through
        // META-INF/services like solver-lp's methods, so that this package does not depend on it
    }

    private Solvers() {
    }

    /**
     * Adds a method under a new name, for example a configured variant
     * ({@code register("pi-gmres", () -> new PolicyIterationSolver(...))}) so that benchmarks and
     * the command line can select it by name. The name is a lookup key: the solver's own
     * {@link Solver#name()} (and so {@link Solution#method()}) still reports its configuration,
     * e.g. {@code pi[krylov=gmres]} ({@link VariantName}).
     *
     * @throws IllegalArgumentException if the name is blank or already taken
     */
    public static synchronized void register(String name, Supplier<? extends Solver> factory) {
        loadServices();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a solver name must not be blank");
        }
        if (BY_NAME.containsKey(name)) {
            throw new IllegalArgumentException("a solver named '" + name + "' is already registered");
        }
        BY_NAME.put(name, factory::get);
    }

    /** The names of all registered methods, in a stable order (built-ins first). */
    public static synchronized Set<String> names() {
        loadServices();
        return Collections.unmodifiableSet(new java.util.LinkedHashSet<>(BY_NAME.keySet()));
    }

    /**
     * A new instance of the solver named {@code name} in its default configuration.
     *
     * @throws IllegalArgumentException naming the known methods if {@code name} is unknown
     */
    public static Solver byName(String name) {
        Supplier<Solver> s;
        synchronized (Solvers.class) {
            loadServices();
            s = BY_NAME.get(name);
            if (s == null) {
                throw new IllegalArgumentException("unknown method '" + name + "'; known methods: "
                        + String.join(", ", BY_NAME.keySet()));
            }
        }
        return s.get();
    }

    /**
     * The method {@code sparsemdp solve} runs on {@code mdp} when none is named: for discount 1
     * {@code ii} (interval iteration on the undiscounted total reward, published through
     * META-INF/services); for a discounted model {@code vi}, or with more than one thread the
     * parallel method that {@link ParallelMethodChoice#forModel} picks from the model's numbering
     * ({@code vi} or {@code gs}). The threads themselves are set in the {@link SolverOptions}.
     *
     * @param threads the number of threads the solve will be given (1: sequential)
     */
    public static Solver defaultFor(Mdp mdp, int threads) {
        if (!mdp.isDiscounted()) {
            return byName("ii");
        }
        return threads > 1 ? ParallelMethodChoice.forModel(mdp) : byName("vi");
    }

    private static void loadServices() {
        if (servicesLoaded) {
            return;
        }
        servicesLoaded = true;
        List<ServiceLoader.Provider<Solver>> providers = new ArrayList<>(ServiceLoader.load(Solver.class).stream().toList());
        // solver-core's own published methods (ii) first, whatever the class path order: a stable list of names
        providers.sort(Comparator.comparing(p -> p.type().getName().startsWith(CORE_PACKAGE) ? 0 : 1));
        for (ServiceLoader.Provider<Solver> provider : providers) {
            String name = provider.get().name();
            BY_NAME.putIfAbsent(name, provider::get);
        }
    }
}
