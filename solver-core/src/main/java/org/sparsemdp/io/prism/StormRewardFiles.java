package org.sparsemdp.io.prism;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sparsemdp.io.Compression;

/**
 * Storm's names for the reward files of an explicit model {@code model.tra}:
 * {@code model.state.rew}/{@code model.trans.rew} (an unnamed structure) and
 * {@code model.NAME.state.rew}/{@code model.NAME.trans.rew} (structure NAME), as in Storm's test
 * files. Used when no PRISM reward file ({@code .srew}/{@code .trew}) lies beside the model.
 */
public final class StormRewardFiles {
    private StormRewardFiles() {
    }

    /** The reward structures in Storm's naming beside {@code tra}; the unnamed one first, then by name. */
    public static List<PrismExplicitReader.RewardFiles> beside(Path tra) throws IOException {
        String name = Compression.stripCompressionSuffix(tra.getFileName().toString());
        int dot = name.lastIndexOf('.');
        String stem = (dot > 0 ? name.substring(0, dot) : name) + ".";
        Path dir = tra.toAbsolutePath().getParent();
        Map<String, Path[]> found = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, stem + "*rew")) {
            for (Path p : files) {
                String f = p.getFileName().toString();
                String middle = f.substring(stem.length());
                int kind = middle.endsWith("state.rew") ? 0 : middle.endsWith("trans.rew") ? 1 : -1;
                if (kind < 0 || !Files.isRegularFile(p)) {
                    continue;
                }
                String structure = middle.substring(0, middle.length() - "state.rew".length());
                structure = structure.isEmpty() ? "" : structure.substring(0, structure.length() - 1);
                found.computeIfAbsent(structure, k -> new Path[2])[kind] = p;
            }
        }
        List<PrismExplicitReader.RewardFiles> out = new ArrayList<>();
        for (Map.Entry<String, Path[]> e : found.entrySet()) {
            String structure = e.getKey().isEmpty() ? null : e.getKey();
            out.add(new PrismExplicitReader.RewardFiles(structure, e.getValue()[0], e.getValue()[1]));
        }
        return out;
    }
}
