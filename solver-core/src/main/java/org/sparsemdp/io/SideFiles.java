package org.sparsemdp.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparsemdp.io.prism.PrismExplicitReader;
import org.sparsemdp.io.prism.StormRewardFiles;

/**
 * A model file with the label and reward files that go with it, as {@code sparsemdp solve} reads
 * it: for a PRISM explicit model ({@code .tra}), explicit label files replace the {@code .lab}
 * beside it and explicit state/transition reward files form its only reward structure instead of
 * the {@code .srew}/{@code .trew} (or Storm's {@code .state.rew}/{@code .trans.rew}) beside it;
 * for the other formats, label files (PRISM {@code 0="init" ...} or Storm {@code #DECLARATION}
 * syntax) are merged into the file's own labels.
 */
public final class SideFiles {
    private SideFiles() {
    }

    /**
     * Reads {@code file} in {@code format} with these side files.
     *
     * @param labelFiles        label files (empty: the model's own, or the {@code .lab} beside a {@code .tra})
     * @param stateRewards      a PRISM state reward file, or null
     * @param transitionRewards a PRISM transition reward file, or null
     * @throws IllegalArgumentException if reward files are given for a format other than PRISM's
     */
    public static LoadedModel read(Path file, ModelFormat format, List<Path> labelFiles, Path stateRewards,
                                   Path transitionRewards) throws IOException {
        boolean explicitRewards = stateRewards != null || transitionRewards != null;
        if (format == ModelFormats.PRISM) {
            return PrismExplicitReader.read(file,
                    labelFiles.isEmpty() ? PrismExplicitReader.labelFilesBeside(file) : labelFiles,
                    explicitRewards
                            ? List.of(new PrismExplicitReader.RewardFiles(null, stateRewards, transitionRewards))
                            : rewardFilesBeside(file));
        }
        if (explicitRewards) {
            throw new IllegalArgumentException("state and transition reward files apply to PRISM explicit files"
                    + " (.tra), not to format '" + format.name() + "'");
        }
        LoadedModel model = format.reader().read(file, ModelReadOptions.DEFAULTS);
        return withLabels(model, labelFiles);
    }

    /** PRISM's reward files beside {@code tra} ({@code .srew}/{@code .trew}), else Storm's ({@link StormRewardFiles}). */
    public static List<PrismExplicitReader.RewardFiles> rewardFilesBeside(Path tra) throws IOException {
        List<PrismExplicitReader.RewardFiles> prism = PrismExplicitReader.rewardFilesBeside(tra);
        return prism.isEmpty() ? StormRewardFiles.beside(tra) : prism;
    }

    /** {@code model} with the labels of {@code files} (PRISM or Storm label syntax) merged into its own. */
    public static LoadedModel withLabels(LoadedModel model, List<Path> files) throws IOException {
        if (files.isEmpty()) {
            return model;
        }
        Map<String, BitSet> labels = new LinkedHashMap<>();
        for (String name : model.labelNames()) {
            labels.put(name, model.label(name));
        }
        for (Path p : files) {
            try (InputStream in = Compression.open(p)) {
                PrismExplicitReader.readLabels(in, p.toString(), model.mdp().numStates(), labels);
            }
        }
        return LoadedModel.assemble(model.mdp(), labels, model.rewardStructures());
    }
}
