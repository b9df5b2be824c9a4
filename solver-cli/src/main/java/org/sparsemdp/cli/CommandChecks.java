package org.sparsemdp.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.sparsemdp.evaluate.KrylovMethod;
import org.sparsemdp.evaluate.Preconditioning;
import org.sparsemdp.graph.StateOrdering;
import org.sparsemdp.model.Objective;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place where option values and output paths are checked, after parsing and before a
 * command runs (so before a long load or solve). Every failure is a picocli
 * {@link ParameterException}: a usage error, exit code 2, with the option named.
 *
 * <ul>
 *   <li>Values, by option name in every command: {@code --epsilon} positive and finite;
 *       {@code --discount} in (0, 1]; {@code --threads} in 1..{@value #MAX_THREADS};
 *       {@code --time-limit} positive and finite (at most {@value #MAX_SECONDS} s);
 *       {@code --max-iterations} positive; {@code --iterations} not negative; {@code --omega} in (0, 2);
 *       {@code --show} not negative; every other number finite; keyword options
 *       ({@code --method} where it lists its candidates, {@code --format/--from/--to},
 *       {@code --reorder}, {@code --krylov}, {@code --preconditioner}, {@code --objective}) one of
 *       their keywords.</li>
 *   <li>Outputs ({@link #OUTPUTS}): not the same file as any input (by identity, so also through
 *       a symbolic or hard link), not a directory, and in a directory that exists and is
 *       writable (unless the output is an existing device or FIFO, which is written through). With
 *       {@code --partitions} (convert, generate garnet) the output is a directory of block files, which
 *       may exist.</li>
 * </ul>
 */
final class CommandChecks implements CommandLine.IExecutionStrategy {
    /** Most worker threads accepted by {@code --threads}. */
    static final int MAX_THREADS = 1024;
    /** Longest {@code --time-limit} accepted, in seconds (about 31 years). */
    static final double MAX_SECONDS = 1e9;
    /** Option names (or positional labels) that name files a command writes. */
    static final Set<String> OUTPUTS = Set.of("--output", "--occupancy", "--policy-out", "--theta-out",
            "--state-names", "OUT", "substation --observations");

    private final CommandLine.IExecutionStrategy next;

    /** Checks, then runs the last subcommand (picocli's {@code RunLast}). */
    CommandChecks() {
        this(new CommandLine.RunLast());
    }

    /** Checks, then hands the parse result to {@code next}. */
    CommandChecks(CommandLine.IExecutionStrategy next) {
        this.next = next;
    }

    @Override
    public int execute(ParseResult parseResult) {
        for (ParseResult r = parseResult; r != null; r = r.subcommand()) {
            check(r);
        }
        return next.execute(parseResult);
    }

    private static void check(ParseResult r) {
        CommandLine cl = r.commandSpec().commandLine();
        List<Path> inputs = new ArrayList<>();
        List<Map.Entry<String, Path>> outputs = new ArrayList<>();
        for (OptionSpec o : r.matchedOptions()) {
            checkValue(cl, o);
            collectPaths(r, o, o.longestName(), inputs, outputs);
        }
        for (ArgSpec p : r.matchedPositionals()) {
            collectPaths(r, p, p.paramLabel(), inputs, outputs);
        }
        boolean directories = r.hasMatchedOption("--partitions") // OUT is a partitioned directory
                && Set.of("convert", "garnet").contains(r.commandSpec().name());
        for (Map.Entry<String, Path> out : outputs) {
            checkOutput(cl, out.getKey(), out.getValue(), inputs, outputs, directories);
        }
    }

    private static void checkValue(CommandLine cl, OptionSpec o) {
        Object v = o.getValue();
        String name = o.longestName();
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                throw usage(cl, name, v, "a finite number");
            }
        }
        switch (name) {
            case "--epsilon":
                require(cl, name, v, ((Number) v).doubleValue() > 0, "a positive number");
                break;
            case "--discount":
                double g = ((Number) v).doubleValue();
                require(cl, name, v, g > 0 && g <= 1, "a discount factor G with 0 < G <= 1");
                break;
            case "--threads":
                long t = ((Number) v).longValue();
                require(cl, name, v, t >= 1 && t <= MAX_THREADS, "a number of threads from 1 to " + MAX_THREADS);
                break;
            case "--time-limit":
                double s = ((Number) v).doubleValue();
                require(cl, name, v, s > 0 && s <= MAX_SECONDS, "a positive number of seconds (at most 1e9)");
                break;
            case "--max-iterations":
                require(cl, name, v, ((Number) v).longValue() >= 1, "a positive number of iterations");
                break;
            case "--iterations":
                require(cl, name, v, ((Number) v).longValue() >= 0, "a number of iterations, 0 or more");
                break;
            case "--omega":
                double w = ((Number) v).doubleValue();
                require(cl, name, v, w > 0 && w < 2, "a relaxation factor W with 0 < W < 2");
                break;
            case "--show":
                require(cl, name, v, ((Number) v).longValue() >= 0, "a number of states, 0 or more");
                break;
            case "--method":
                Iterable<String> candidates = o.completionCandidates();
                if (candidates != null) {
                    List<String> known = new ArrayList<>();
                    candidates.forEach(known::add);
                    if (!known.contains(String.valueOf(v).toLowerCase(Locale.ROOT))) {
                        throw new ParameterException(cl, "Invalid value for option '" + name + "': unknown method '"
                                + v + "'; known methods: " + String.join(", ", known));
                    }
                }
                break;
            case "--format":
            case "--from":
                keyword(cl, name, v, k -> {
                    if (!k.equalsIgnoreCase("auto")) {
                        ModelFormat.byName(k);
                    }
                });
                break;
            case "--to":
                keyword(cl, name, v, k -> {
                    if (!k.equalsIgnoreCase("auto") && !ModelFormat.byName(k).writable()) {
                        throw new IllegalArgumentException("format '" + k + "' can be read but not written");
                    }
                });
                break;
            case "--reorder":
                keyword(cl, name, v, StateOrdering::parse);
                break;
            case "--krylov":
                keyword(cl, name, v, KrylovMethod::parse);
                break;
            case "--preconditioner":
                keyword(cl, name, v, Preconditioning::parse);
                break;
            case "--objective":
                keyword(cl, name, v, Objective::parse);
                break;
            default:
                break;
        }
    }

    private static void keyword(CommandLine cl, String name, Object v, Consumer<String> parse) {
        try {
            parse.accept(String.valueOf(v));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, "Invalid value for option '" + name + "': " + e.getMessage());
        }
    }

    private static void require(CommandLine cl, String name, Object v, boolean ok, String what) {
        if (!ok) {
            throw usage(cl, name, v, what);
        }
    }

    private static ParameterException usage(CommandLine cl, String name, Object v, String what) {
        return new ParameterException(cl, "Invalid value for option '" + name + "': expected " + what + ", got "
                + v);
    }

    /** Sorts the Path values of {@code arg} into inputs and outputs. */
    private static void collectPaths(ParseResult r, ArgSpec arg, String name, List<Path> inputs,
            List<Map.Entry<String, Path>> outputs) {
        Object v = arg.getValue();
        List<Path> paths = new ArrayList<>();
        if (v instanceof Path p) {
            paths.add(p);
        } else if (v instanceof Iterable<?> it) {
            for (Object e : it) {
                if (e instanceof Path p) {
                    paths.add(p);
                }
            }
        }
        boolean output = OUTPUTS.contains(name) || OUTPUTS.contains(r.commandSpec().name() + " " + name);
        for (Path p : paths) {
            if (output) {
                outputs.add(Map.entry(name, p));
            } else {
                inputs.add(p);
            }
        }
    }

    private static void checkOutput(CommandLine cl, String name, Path out, List<Path> inputs,
            List<Map.Entry<String, Path>> outputs, boolean directoryAllowed) {
        String what = name.startsWith("-") ? "option '" + name + "'" : name;
        if (Files.exists(out) && !Files.isRegularFile(out) && !Files.isDirectory(out)) {
            return; // a device or FIFO (directly or through a link): written through, never replaced
        }
        for (Path in : inputs) {
            if (sameFile(in, out)) {
                throw new ParameterException(cl, "Invalid value for " + what + ": " + out + " is the input file " + in
                        + "; refusing to overwrite an input");
            }
        }
        for (Map.Entry<String, Path> other : outputs) {
            if (!other.getKey().equals(name) && sameFile(other.getValue(), out)) {
                throw new ParameterException(cl, "Invalid value for " + what + ": " + out + " is also the output of "
                        + other.getKey());
            }
        }
        Path real;
        try {
            real = AtomicFiles.followLinks(out);
        } catch (IOException e) {
            throw new ParameterException(cl, "Invalid value for " + what + ": " + e.getMessage());
        }
        if (Files.isDirectory(real) && !directoryAllowed) {
            throw new ParameterException(cl, "Invalid value for " + what + ": " + out + " is a directory");
        }
        Path dir = real.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ParameterException(cl, "Invalid value for " + what + ": the directory of " + out
                    + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw new ParameterException(cl, "Invalid value for " + what + ": cannot write " + out
                    + " (its directory is not writable)");
        }
    }

    /** Whether {@code a} and {@code b} are the same existing file (by identity: links resolved). */
    static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
