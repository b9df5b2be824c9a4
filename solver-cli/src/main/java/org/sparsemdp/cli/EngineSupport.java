package org.sparsemdp.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.sparsemdp.io.LoadedModel;

/**
 * What another solve engine's front end (the Spark launcher, {@code solver-spark/bin/sparsemdp})
 * shares with {@code sparsemdp solve}, so that the same FILE and {@code --format} read the same
 * model with the same errors.
 */
public final class EngineSupport {
    private EngineSupport() {
    }

    /**
     * Reads {@code file} as {@code sparsemdp solve FILE --format format} does (without label or
     * reward files given on the command line): any format, compressed or not, or {@code -} for
     * standard input.
     */
    public static LoadedModel load(Path file, String format) throws IOException {
        return load(file, format, List.of(), null, null);
    }

    /**
     * Reads {@code file} as {@code sparsemdp solve FILE --format format --labels ... --state-rewards
     * ... --transition-rewards ...} does: for a PRISM {@code .tra}, explicit {@code labels} (merged)
     * replace the {@code .lab} beside it and explicit reward files (either may be null) form its only
     * reward structure; for the other formats, the label files are merged into the file's own labels.
     *
     * @throws IOException              if a file cannot be read, or {@code file} is a partitioned directory
     * @throws IllegalArgumentException for reward files with a format other than PRISM's, or a stream
     */
    public static LoadedModel load(Path file, String format, List<Path> labels, Path stateRewards,
                                   Path transitionRewards) throws IOException {
        return ModelFiles.loadModel(file, format, labels, stateRewards, transitionRewards);
    }
}
