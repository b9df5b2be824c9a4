package org.sparsemdp.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sparsemdp.io.FormatLossException;
import org.sparsemdp.io.FormatLosses;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.ModelFeature;
import org.sparsemdp.io.PartitionedModelFormat;
import org.sparsemdp.io.RewardStructure;
import org.sparsemdp.io.partitioned.PartitionIndex;
import org.sparsemdp.io.partitioned.PartitionedModelWriter;
import org.sparsemdp.model.Mdp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sparsemdp convert IN OUT}: reads a model in one format and writes it in another, with
 * every label and reward structure the target format can hold. What it cannot hold (a discount in
 * DRN, several reward structures or labels in {@code .mdp}, ...) is an error naming it, unless
 * {@code --drop} names it ({@link org.sparsemdp.io.FormatLosses}). The output is compressed when
 * its name ends in {@code .gz} or {@code .xz}, and written to temporary files that replace OUT
 * (and, for PRISM, the files beside it) only when complete, so an interrupted or failed
 * conversion never leaves a truncated OUT.
 */
@Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Converts a model between file formats (mdp, prism, drn, umb, cassandra), keeping every label",
                "and reward structure. What the target cannot hold is an error unless --drop names it.",
                "OUT is written atomically; names ending in .gz or .xz are compressed."})
final class ConvertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "Input model file.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output model file (for prism: the .tra; .lab, .srew, .trew are written beside it).")
    Path out;

    @Option(names = "--from", paramLabel = "F", defaultValue = "auto",
            description = "Input format: auto (from name and content) or one of the known formats.")
    String from;

    @Option(names = "--to", paramLabel = "F", defaultValue = "auto",
            description = "Output format: auto (from the name of OUT) or one of the known formats.")
    String to;

    @Option(names = "--pomdp-as-mdp", description = "Read a POMDP as its underlying MDP (observations dropped).")
    boolean pomdpAsMdp;

    @Option(names = "--reward", paramLabel = "NAME",
            description = "UMB input: the reward annotation that becomes the model's own rewards (default: the first).")
    String reward;

    @Option(names = "--reward-structure", paramLabel = "NAME|INDEX",
            description = "Keep only this reward structure (by name or 1-based index).")
    String rewardStructure;

    @Option(names = "--reward-parts", paramLabel = "both|state|choice", defaultValue = "both",
            description = "Keep both parts of each reward structure (default), only the state rewards, or only the"
                    + " choice (state-action/transition) rewards.")
    String rewardParts;

    @Option(names = "--fold-state-rewards",
            description = "Add each state reward to every choice of its state (the same expected rewards), for"
                    + " formats with choice rewards only (mdp, cassandra).")
    boolean foldStateRewards;

    @Option(names = "--drop", paramLabel = "WHAT[,WHAT]",
            description = "Write without these even though the target cannot hold them: discount, objective, labels,"
                    + " rewards, state-rewards, initial, actions.")
    String drop;

    @Mixin
    ModelOverrides overrides;

    @Option(names = "--partitions", paramLabel = "P",
            description = {"Write OUT as a directory of P block files and an index, for solving on Spark with the",
                    "blocks read by the executors (sparsemdp solve OUT --engine spark). Holds one reward per choice,",
                    "discount, objective, action labels and one initial state."})
    Integer partitions;

    @Override
    public Integer call() throws Exception {
        if (partitions != null) {
            return convertPartitioned(ModelFeature.parseList(drop));
        }
        ModelWriters.resolve(out, to); // fail on a bad target before reading a large input
        java.util.Set<ModelFeature> dropped = ModelFeature.parseList(drop);
        LoadedModel loaded = ModelFiles.read(in, from, new ReadOptions(pomdpAsMdp, reward));
        loaded = loaded.withMdp(overrides.apply(loaded.mdp()));
        loaded = selectRewards(loaded);
        if (foldStateRewards) {
            loaded = FormatLosses.foldStateRewards(loaded);
        }
        ModelFormat target;
        try {
            target = ModelWriters.write(loaded, out, to, dropped);
        } catch (FormatLossException e) {
            String hint = "";
            if (e.features().contains(ModelFeature.REWARDS) && loaded.rewardStructures().size() > 1) {
                hint += "; or keep one reward structure with --reward-structure NAME";
            }
            if (e.features().contains(ModelFeature.STATE_REWARDS)) {
                hint += "; or --fold-state-rewards to add state rewards to the choices (same expected values)";
            }
            throw new IllegalArgumentException(e.getMessage() + hint, e);
        }
        Mdp mdp = loaded.mdp();
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s (%s, %d states, %d choices, %d transitions)%n", out,
                target.name(), mdp.numStates(), mdp.numChoices(), mdp.numTransitions());
        return 0;
    }

    /**
     * {@code --partitions}: OUT becomes a partitioned model directory ({@link PartitionedModelWriter});
     * what the layout cannot hold ({@link PartitionedModelFormat}) is an error unless dropped.
     */
    private int convertPartitioned(java.util.Set<ModelFeature> dropped) throws java.io.IOException {
        if (partitions < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--partitions': expected a positive number of blocks, got " + partitions);
        }
        if (!"auto".equalsIgnoreCase(to)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--to does not apply to --partitions (OUT is a directory of block files)");
        }
        LoadedModel loaded = ModelFiles.read(in, from, new ReadOptions(pomdpAsMdp, reward));
        loaded = loaded.withMdp(overrides.apply(loaded.mdp()));
        loaded = selectRewards(loaded);
        if (foldStateRewards) {
            loaded = FormatLosses.foldStateRewards(loaded);
        }
        Mdp mdp;
        try {
            mdp = PartitionedModelFormat.mdpToWrite(loaded, dropped);
        } catch (FormatLossException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        PartitionIndex index = PartitionedModelWriter.write(mdp, partitions, out);
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s (partitioned, %d blocks, %d states, %d choices, %d"
                + " transitions)%n", out, index.blocks().size(), mdp.numStates(), mdp.numChoices(), mdp.numTransitions());
        return 0;
    }

    /** The model with only the selected reward structure and parts. */
    private LoadedModel selectRewards(LoadedModel model) {
        List<RewardStructure> structures = rewardStructure != null ? List.of(model.rewardStructure(rewardStructure))
                : model.rewardStructuresOrOwnRewards();
        List<RewardStructure> kept = new ArrayList<>();
        for (RewardStructure r : structures) {
            switch (rewardParts.toLowerCase(Locale.ROOT)) {
                case "both":
                    kept.add(r);
                    break;
                case "state":
                    kept.add(r.statePart());
                    break;
                case "choice":
                    kept.add(r.choicePart());
                    break;
                default:
                    throw new IllegalArgumentException("--reward-parts must be both, state or choice, not '"
                            + rewardParts + "'");
            }
        }
        return rewardStructure == null && rewardParts.equalsIgnoreCase("both") ? model : model.withRewardStructures(kept);
    }
}
