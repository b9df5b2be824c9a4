package org.sparsemdp.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.function.FlatMapFunction2;
import org.sparsemdp.io.AtomicOutputFiles;
import org.sparsemdp.io.PolicyCsv;
import org.sparsemdp.io.json.JsonWriter;
import org.sparsemdp.io.partitioned.ModelBlock;

/**
 * The answer of a {@link DistributedResult} in the forms of {@code sparsemdp solve}, without
 * collecting the per-state answer on the driver: the summary ({@link #printJson}, {@link #printText})
 * needs the first {@code show} states and the initial state only, fetched by one small job
 * ({@link #of}); the CSV ({@link #writeCsv}) is formatted on the executors and streamed to the
 * driver one block at a time.
 */
final class DistributedAnswer {
    /** One state of the summary: its value, bounds, chosen action label (null if terminal) and position. */
    private record Row(int state, double value, double lower, double upper, String label, int action)
            implements Serializable {
    }

    private final DistributedResult result;
    private final DistributedModel model;
    private final long choices;
    private final Row[] shown;
    private final Row initial;

    private DistributedAnswer(DistributedResult result, DistributedModel model, long choices, Row[] shown, Row initial) {
        this.result = result;
        this.model = model;
        this.choices = choices;
        this.shown = shown;
        this.initial = initial;
    }

    /** Fetches the first {@code min(show, states)} states and the initial state of {@code r} (one job). */
    static DistributedAnswer of(DistributedResult r, DistributedModel model, int show) {
        final int n = Math.max(0, Math.min(show, model.numStates()));
        final int init = model.initialState();
        final String[] labels = model.actionLabels();
        List<Row> rows = r.blocks().zipPartitions(model.blocks(),
                (FlatMapFunction2<Iterator<BlockSolution>, Iterator<ModelBlock>, Row>) (answers, blocks) -> {
                    List<Row> out = new ArrayList<>();
                    while (answers.hasNext()) {
                        BlockSolution a = answers.next();
                        ModelBlock b = blocks.next();
                        for (int i = 0; i < a.values().length; i++) {
                            int s = a.lo() + i;
                            if (s < n || s == init) {
                                out.add(row(a, b, i, labels));
                            }
                        }
                    }
                    return out.iterator();
                }).collect();
        long choices = model.blocks().map(b -> (long) b.numChoices()).reduce(Long::sum);
        Row[] shown = new Row[n];
        Row initial = null;
        for (Row row : rows) {
            if (row.state() < n) {
                shown[row.state()] = row;
            }
            if (row.state() == init) {
                initial = row;
            }
        }
        return new DistributedAnswer(r, model, choices, shown, initial);
    }

    private static Row row(BlockSolution a, ModelBlock b, int i, String[] labels) {
        int c = a.policy()[i];
        int local = c - b.firstChoice();
        return new Row(a.lo() + i, a.values()[i], a.lower()[i], a.upper()[i],
                c < 0 ? null : b.actionLabel(i, local, labels), c < 0 ? -1 : local - b.choiceStartArray()[i]);
    }

    /**
     * Writes {@code state,value,action} for every state to {@code file}, as {@code sparsemdp solve
     * --output} does ({@link org.sparsemdp.io.SolutionCsv}: the same header, numbers and quoting),
     * atomically and compressed if the name ends in .gz or .xz. Each block is formatted on its
     * executor and fetched by the driver in turn, so the driver holds one block's text at a time.
     */
    static void writeCsv(DistributedResult r, DistributedModel model, Path file) throws IOException {
        final String[] labels = model.actionLabels();
        Iterator<byte[]> parts = r.blocks().zipPartitions(model.blocks(),
                (FlatMapFunction2<Iterator<BlockSolution>, Iterator<ModelBlock>, byte[]>) (answers, blocks) -> {
                    StringBuilder text = new StringBuilder();
                    while (answers.hasNext()) {
                        BlockSolution a = answers.next();
                        ModelBlock b = blocks.next(); // the same partition of the same cut: the same states
                        for (int i = 0; i < a.values().length; i++) {
                            text.append(a.lo() + i).append(',').append(a.values()[i]).append(',');
                            int c = a.policy()[i];
                            if (c >= 0) {
                                text.append(PolicyCsv.quote(b.actionLabel(i, c - b.firstChoice(), labels)));
                            }
                            text.append('\n');
                        }
                    }
                    return List.of(text.toString().getBytes(StandardCharsets.UTF_8)).iterator();
                }).toLocalIterator();
        try (AtomicOutputFiles files = new AtomicOutputFiles()) {
            try (OutputStream out = files.open(file)) {
                out.write("state,value,action\n".getBytes(StandardCharsets.UTF_8));
                while (parts.hasNext()) {
                    out.write(parts.next());
                }
            }
            files.commit();
        }
    }

    /**
     * Prints the one-line JSON summary of {@code sparsemdp solve --json} (README, "JSON output"):
     * the model fields, then the solution fields; {@code lower}/{@code upper} are the certified
     * per-state bounds.
     */
    void printJson(PrintWriter out) {
        printJson(out, null);
    }

    /**
     * {@link #printJson(PrintWriter)} with, when {@code infinity} is not null, the field
     * {@code infinity} last, as {@code solve --until} adds it when some value is infinite.
     */
    void printJson(PrintWriter out, String infinity) {
        JsonWriter j = JsonWriter.compact(out).beginObject()
                .field("states", model.numStates())
                .field("choices", choices)
                .field("transitions", model.numTransitions())
                .field("objective", model.objective().keyword())
                .field("discount", model.discount())
                .field("method", result.method())
                .field("status", result.status().name())
                .field("accuracy", result.accuracy().name())
                .field("iterations", result.iterations())
                .field("errorBound", result.errorBound())
                .field("policyBound", result.policyBound())
                .field("residual", result.residual())
                .field("seconds", result.seconds())
                .field("initialState", model.initialState())
                .field("initialValue", initial.value());
        j.name("values").beginArray();
        for (Row r : shown) {
            j.value(r.value());
        }
        j.endArray().name("lower").beginArray();
        for (Row r : shown) {
            j.value(r.lower());
        }
        j.endArray().name("upper").beginArray();
        for (Row r : shown) {
            j.value(r.upper());
        }
        j.endArray().name("policy").beginArray();
        for (Row r : shown) {
            j.value(r.label());
        }
        j.endArray().name("actions").beginArray();
        for (Row r : shown) {
            j.value(r.action());
        }
        j.endArray();
        if (infinity != null) {
            j.field("infinity", infinity);
        }
        j.endObject();
        out.println();
        out.flush();
    }

    /** Prints the text summary of {@code sparsemdp solve}. */
    void printText(PrintWriter out, String name) {
        out.printf(Locale.ROOT, "model    %s: %d states, %d choices, %d transitions, objective %s, discount %s%n", name,
                model.numStates(), choices, model.numTransitions(), model.objective().keyword(),
                Double.toString(model.discount()));
        double perExchange = result.stats().secondsPerExchange(); // NaN: no exchange (the graph analysis decided)
        out.printf(Locale.ROOT, "method   %s: %s after %d iterations in %.3f s (%d partitions, %s)%n",
                result.method(), result.status(), result.iterations(), result.seconds(), model.numPartitions(),
                Double.isNaN(perExchange) ? "no exchanges" : String.format(Locale.ROOT, "%.1f ms/exchange",
                        perExchange * 1e3));
        out.printf(Locale.ROOT, "bound    |v - v*| <= %.3e (%s)", result.errorBound(),
                result.accuracy().name().toLowerCase(Locale.ROOT));
        if (!Double.isNaN(result.policyBound())) {
            out.printf(Locale.ROOT, "; policy within %.3e of optimal", result.policyBound());
        }
        out.println();
        out.printf(Locale.ROOT, "initial  state %d: value %s%n", initial.state(), format(initial.value()));
        if (shown.length > 0) {
            out.printf(Locale.ROOT, "%8s  %20s  %s%n", "state", "value", "action");
            for (Row r : shown) {
                out.printf(Locale.ROOT, "%8d  %20s  %s%n", r.state(), format(r.value()),
                        r.label() != null ? r.label() : "(terminal)");
            }
            if (shown.length < model.numStates()) {
                out.printf(Locale.ROOT, "... %d more states (--output FILE writes all)%n",
                        model.numStates() - shown.length);
            }
        }
        out.flush();
    }

    private static String format(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.10g", v) : Double.toString(v);
    }
}
