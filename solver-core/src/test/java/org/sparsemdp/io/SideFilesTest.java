package org.sparsemdp.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemdp.model.Objective;
import org.sparsemdp.property.Query;
import org.sparsemdp.property.QueryResult;
import org.sparsemdp.property.QuerySolvers;
import org.sparsemdp.solve.SolverOptions;

/** {@link SideFiles}: what {@code solve} reads beside a model, reachable from the library. */
class SideFilesTest {
    /** Storm's leader4 test model in {@code shared/data/external} of the nearest ancestor that has it. */
    private static final Path LEADER = leader();

    private static Path leader() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path d = p.resolve("shared/data/external/storm_leader4/leader4.tra");
            if (Files.exists(d)) {
                return d;
            }
        }
        return Path.of("leader4.tra");
    }

    @TempDir
    Path dir;

    @Test
    void stormRewardFilesBesideATraFormItsRewardStructure() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(LEADER), "shared data present");
        LoadedModel leader = SideFiles.read(LEADER, ModelFormats.PRISM, List.of(), null, null);
        assertEquals(1, leader.rewardStructureNames().size(), leader.rewardStructureNames().toString());
        // Storm's ExplicitMdpPrctlModelCheckerTest (AsynchronousLeader): Rmin=? [F "elected"] = 30/7
        Query q = Query.reachReward(null, leader.label("elected"), Objective.MINIMIZE);
        QueryResult r = QuerySolvers.forQuery(q).solve(leader, q, SolverOptions.builder().epsilon(1e-9).build());
        assertEquals(30.0 / 7, r.solution().value(leader.mdp().initialState()), 1e-6);
    }

    @Test
    void labelFilesAreMergedIntoAModelOfAnotherFormat() throws IOException {
        Path lab = dir.resolve("forest.lab");
        Files.writeString(lab, "0=\"init\" 1=\"old\"\n0: 0\n2: 1\n");
        LoadedModel forest = SideFiles.read(Path.of("../datasets/forest/forest.mdp"), ModelFormats.MDP, List.of(lab),
                null, null);
        BitSet old = new BitSet();
        old.set(2);
        assertEquals(old, forest.label("old"));
        assertTrue(forest.label("init").get(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SideFiles.read(
                Path.of("../datasets/forest/forest.mdp"), ModelFormats.MDP, List.of(), lab, null));
        assertTrue(e.getMessage().contains("PRISM explicit"), e.getMessage());
    }
}
