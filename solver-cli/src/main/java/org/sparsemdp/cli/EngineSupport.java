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
        return ModelFiles.loadModel(file, format, List.of(), null, null);
    }
}
