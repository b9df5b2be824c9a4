package org.sparsemdp.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparsemdp.io.Compression;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.drn.DrnReader;
import org.sparsemdp.io.mdp.MdpTextReader;
import org.sparsemdp.io.prism.PrismExplicitReader;
import org.sparsemdp.model.Mdp;

/** Loads model files for the commands, choosing the format from {@code --format} or the file name. */
final class ModelFiles {
    private ModelFiles() {
    }

    /** Formats known to {@code --format}. */
    static final String FORMATS = "auto, mdp, prism, drn";

    static Mdp load(Path file, String format) throws IOException {
        return loadModel(file, format, List.of(), null, null).mdp();
    }

    /**
     * Loads {@code file} with its labels and reward structures. For PRISM files, explicit
     * {@code labels} (merged) replace the {@code .lab} found beside the {@code .tra}, and explicit
     * reward files (either may be null) form the only reward structure instead of the
     * {@code .srew}/{@code .trew} found beside it; for the other formats, label files (PRISM or
     * Storm {@code .lab} syntax) are merged into the file's own labels.
     */
    static LoadedModel loadModel(Path file, String format, List<Path> labels, Path stateRewards,
                                 Path transitionRewards) throws IOException {
        String f = format == null ? "auto" : format.toLowerCase(Locale.ROOT);
        if (f.equals("auto")) {
            f = detect(file);
        }
        boolean explicitRewards = stateRewards != null || transitionRewards != null;
        if (explicitRewards && !f.equals("prism")) {
            throw new IllegalArgumentException("--state-rewards and --transition-rewards apply to PRISM explicit files"
                    + " (.tra), not to format '" + f + "'");
        }
        LoadedModel model;
        switch (f) {
            case "mdp":
                model = new LoadedModel(MdpTextReader.read(file), Map.of(), Map.of());
                break;
            case "drn":
                model = DrnReader.read(file);
                break;
            case "prism":
                return PrismExplicitReader.read(file,
                        labels.isEmpty() ? PrismExplicitReader.labelFilesBeside(file) : labels,
                        explicitRewards
                                ? List.of(new PrismExplicitReader.RewardFiles(null, stateRewards, transitionRewards))
                                : PrismExplicitReader.rewardFilesBeside(file));
            default:
                throw new IllegalArgumentException("unknown format '" + format + "'; known formats: " + FORMATS);
        }
        return labels.isEmpty() ? model : withLabels(model, labels);
    }

    /** {@code model} with the labels of {@code files} merged into its own. */
    private static LoadedModel withLabels(LoadedModel model, List<Path> files) throws IOException {
        Map<String, java.util.BitSet> labels = new java.util.LinkedHashMap<>();
        for (String name : model.labelNames()) {
            labels.put(name, model.label(name));
        }
        for (Path p : files) {
            try (java.io.InputStream in = Compression.open(p)) {
                PrismExplicitReader.readLabels(in, p.toString(), model.mdp().numStates(), labels);
            }
        }
        Map<String, double[]> rewards = new java.util.LinkedHashMap<>();
        for (String name : model.rewardStructureNames()) {
            rewards.put(name, model.rewards(name));
        }
        return LoadedModel.assemble(model.mdp(), labels, rewards);
    }

    private static String detect(Path file) {
        String name = Compression.stripCompressionSuffix(file.getFileName().toString()).toLowerCase(Locale.ROOT);
        if (name.endsWith(".mdp")) {
            return "mdp";
        }
        if (name.endsWith(".tra")) {
            return "prism";
        }
        if (name.endsWith(".drn")) {
            return "drn";
        }
        throw new IllegalArgumentException(file + ": cannot tell the format from the file name; use --format ("
                + FORMATS + ")");
    }
}
