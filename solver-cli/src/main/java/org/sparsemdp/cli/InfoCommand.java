package org.sparsemdp.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.RewardStructure;
import org.sparsemdp.io.json.JsonWriter;
import org.sparsemdp.model.Mdp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sparsemdp info FILE}: sizes and structural facts of a model. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Prints sizes, objective, discount, labels, reward structures, memory footprint and structural facts of a model.")
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Model file.")
    Path file;

    @Option(names = "--format", paramLabel = "F", defaultValue = "auto", description = "File format (default: auto).")
    String format;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        LoadedModel model = ModelFiles.formatOf(file, format).reader().read(file, ReadOptions.DEFAULTS);
        Mdp mdp = model.mdp();
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        int minChoices = Integer.MAX_VALUE;
        int maxChoices = 0;
        int maxBranching = 0;
        for (int s = 0; s < mdp.numStates(); s++) {
            int k = mdp.numChoices(s);
            minChoices = Math.min(minChoices, k);
            maxChoices = Math.max(maxChoices, k);
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                maxBranching = Math.max(maxBranching, mdp.transitionEnd(c) - mdp.transitionStart(c));
            }
        }
        int terminal = mdp.numTerminalStates();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonWriter j = Summaries.modelFields(Summaries.beginJson(out), mdp)
                    .field("initialState", mdp.initialState())
                    .field("terminalStates", terminal)
                    .field("minChoicesPerState", minChoices)
                    .field("maxChoicesPerState", maxChoices)
                    .field("maxBranching", maxBranching)
                    .field("actionLabels", mdp.actionLabels().size())
                    .field("memoryBytes", mdp.memoryBytes())
                    .field("loadSeconds", loadSeconds);
            labelsJson(j.name("labels"), model);
            rewardsJson(j.name("rewardStructures"), model);
            Summaries.endJson(j, out);
            return 0;
        }
        out.printf(Locale.ROOT, "file          %s%n", file);
        out.printf(Locale.ROOT, "states        %d (%d terminal)%n", mdp.numStates(), terminal);
        out.printf(Locale.ROOT, "choices       %d (%d..%d per state)%n", mdp.numChoices(), minChoices, maxChoices);
        out.printf(Locale.ROOT, "transitions   %d (at most %d per choice)%n", mdp.numTransitions(), maxBranching);
        out.printf(Locale.ROOT, "objective     %s%n", mdp.objective().keyword());
        out.printf(Locale.ROOT, "discount      %s%n", Double.toString(mdp.discount()));
        out.printf(Locale.ROOT, "initial       %d%n", mdp.initialState());
        out.printf(Locale.ROOT, "actions       %d distinct labels%n", mdp.actionLabels().size());
        out.printf(Locale.ROOT, "memory        %.1f MiB (%.1f bytes per transition)%n", mdp.memoryBytes() / 1048576.0,
                mdp.numTransitions() == 0 ? 0.0 : (double) mdp.memoryBytes() / mdp.numTransitions());
        out.printf(Locale.ROOT, "labels        %s%n", labelsText(model));
        out.printf(Locale.ROOT, "rewards       %s%n", rewardsText(model));
        out.printf(Locale.ROOT, "loaded in     %.3f s%n", loadSeconds);
        return 0;
    }

    /** {@code name (n states), ...}. */
    private static String labelsText(LoadedModel model) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, BitSet> e : model.labels().entrySet()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append(" (").append(e.getValue().cardinality())
                    .append(')');
        }
        return sb.toString();
    }

    /** {@code name (state + choice), ...}, or (none). */
    private static String rewardsText(LoadedModel model) {
        StringBuilder sb = new StringBuilder();
        for (RewardStructure r : model.rewardStructuresOrOwnRewards()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(r.name()).append(" (").append(parts(r)).append(')');
        }
        return sb.length() == 0 ? "(none)" : sb.toString();
    }

    private static String parts(RewardStructure r) {
        return r.hasStateRewards() && r.hasChoiceRewards() ? "state + choice" : r.hasStateRewards() ? "state"
                : r.hasChoiceRewards() ? "choice" : "empty";
    }

    /** {@code [{"name": ..., "states": n}, ...]}. */
    private static void labelsJson(JsonWriter j, LoadedModel model) {
        j.beginArray();
        for (Map.Entry<String, BitSet> e : model.labels().entrySet()) {
            j.beginObject().field("name", e.getKey()).field("states", e.getValue().cardinality()).endObject();
        }
        j.endArray();
    }

    /** {@code [{"name": ..., "stateRewards": bool, "choiceRewards": bool}, ...]}. */
    private static void rewardsJson(JsonWriter j, LoadedModel model) {
        j.beginArray();
        for (RewardStructure r : model.rewardStructuresOrOwnRewards()) {
            j.beginObject().field("name", r.name()).field("stateRewards", r.hasStateRewards())
                    .field("choiceRewards", r.hasChoiceRewards()).endObject();
        }
        j.endArray();
    }
}
