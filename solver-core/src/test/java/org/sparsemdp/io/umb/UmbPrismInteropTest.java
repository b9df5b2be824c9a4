package org.sparsemdp.io.umb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sparsemdp.io.umb.UmbFixtures.doubles;
import static org.sparsemdp.io.umb.UmbFixtures.tar;
import static org.sparsemdp.io.umb.UmbFixtures.uint32;
import static org.sparsemdp.io.umb.UmbFixtures.uint64;
import static org.sparsemdp.io.umb.UmbFixtures.utf8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;

/**
 * Reads a file laid out exactly as PRISM's UMB exporter (the umbj library in
 * prismmodelchecker/prism, {@code io.github.pmctools.umbj.UMBWriter} and {@code UMBIndex})
 * writes one, the bytes written here by hand from that code's conventions: the index is the first
 * entry, serialised by Gson with dashed lower-case field names, pretty printed, with HTML-safe
 * escapes ({@code =} as {@code \u003d}) and PRISM's metadata ({@code model-data},
 * {@code creation-date}, a string {@code parameters}); an MDP has {@code #players = 1}, types are
 * {@code {"type": "double", "size": 64}}; reward ids come from the alias; the action strings
 * ({@code string-mapping.bin}, uint64 offsets, and {@code strings.bin}) precede the uint32
 * {@code values.bin}; bit sets are little-endian 64-bit words; an atomic-proposition annotation
 * (bool) is present and must be skipped; the archive is gzip-compressed at level 1.
 */
class UmbPrismInteropTest {
    private static final String PRISM_INDEX = String.join("\n",
            "{",
            "  \"format-version\": 1,",
            "  \"format-revision\": 0,",
            "  \"model-data\": {},",
            "  \"file-data\": {",
            "    \"tool\": \"PRISM\",",
            "    \"tool-version\": \"4.9.dev\",",
            "    \"creation-date\": 1761000000,",
            "    \"parameters\": \"-exportmodel\\u003dout.umb\"",
            "  },",
            "  \"transition-system\": {",
            "    \"time\": \"discrete\",",
            "    \"#players\": 1,",
            "    \"#states\": 3,",
            "    \"#initial-states\": 1,",
            "    \"#choices\": 4,",
            "    \"#choice-actions\": 2,",
            "    \"#branches\": 6,",
            "    \"#branch-actions\": 0,",
            "    \"#observations\": 0,",
            "    \"branch-probability-type\": {",
            "      \"type\": \"double\",",
            "      \"size\": 64",
            "    }",
            "  },",
            "  \"annotations\": {",
            "    \"rewards\": {",
            "      \"steps\": {",
            "        \"alias\": \"steps\",",
            "        \"applies-to\": [",
            "          \"choices\"",
            "        ],",
            "        \"type\": {",
            "          \"type\": \"double\",",
            "          \"size\": 64",
            "        }",
            "      }",
            "    },",
            "    \"aps\": {",
            "      \"goal\": {",
            "        \"alias\": \"goal\",",
            "        \"applies-to\": [",
            "          \"states\"",
            "        ],",
            "        \"type\": {",
            "          \"type\": \"bool\",",
            "          \"size\": 1",
            "        }",
            "      }",
            "    }",
            "  },",
            "  \"valuations\": {}",
            "}");

    /**
     * State 0: "go" → 1 (0.3), 2 (0.7); "stay" → 0. State 1: "go" → 2, 0 (0.4, 0.6, listed in
     * that order). State 2: "stay" → 2. Rewards per choice 1, 0.5, 2, 0; state 1 initial.
     */
    private static byte[] prismStyleUmb() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("index.json", utf8(PRISM_INDEX));
        files.put("state-to-choices.bin", uint64(0, 2, 3, 4));
        files.put("state-is-initial.bin", uint64(0b010));
        files.put("choice-to-branches.bin", uint64(0, 2, 3, 5, 6));
        files.put("branch-to-target.bin", uint64(1, 2, 0, 2, 0, 2));
        files.put("branch-to-probability.bin", doubles(0.3, 0.7, 1.0, 0.4, 0.6, 1.0));
        files.put("actions/choices/string-mapping.bin", uint64(0, 2, 6));
        files.put("actions/choices/strings.bin", utf8("gostay"));
        files.put("actions/choices/values.bin", uint32(0, 1, 0, 1));
        files.put("annotations/rewards/steps/choices/values.bin", doubles(1.0, 0.5, 2.0, 0.0));
        files.put("annotations/aps/goal/states/values.bin", uint64(0b100));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(1);
            }
        }) {
            gz.write(tar(files));
        }
        return out.toByteArray();
    }

    @Test
    void readsAFileLaidOutAsPrismWritesIt() throws IOException {
        Mdp mdp = UmbReader.read(new ByteArrayInputStream(prismStyleUmb()), "prism.umb",
                UmbOptions.defaults().objective(Objective.MINIMIZE).discount(0.9));
        assertEquals(3, mdp.numStates());
        assertArrayEquals(new int[] {1}, mdp.initialStates());
        assertArrayEquals(new int[] {0, 2, 3, 4}, mdp.choiceStartArray());
        assertArrayEquals(new int[] {0, 2, 3, 5, 6}, mdp.transitionStartArray());
        // state 1's branches are stored sorted by target: 0 (0.6), 2 (0.4)
        assertArrayEquals(new int[] {1, 2, 0, 0, 2, 2}, mdp.successorArray());
        assertArrayEquals(new double[] {0.3, 0.7, 1.0, 0.6, 0.4, 1.0}, mdp.probabilityArray(), 0.0);
        assertArrayEquals(new double[] {1.0, 0.5, 2.0, 0.0}, mdp.rewardArray(), 0.0);
        assertEquals(List.of("go", "stay", "go", "stay"),
                List.of(mdp.actionLabel(0), mdp.actionLabel(1), mdp.actionLabel(2), mdp.actionLabel(3)));
        assertEquals(Objective.MINIMIZE, mdp.objective());
        assertEquals(0.9, mdp.discount(), 0.0);
    }

    @Test
    void prismsAtomicPropositionsAndRewardsBecomeLabelsAndNamedStructures() throws IOException {
        LoadedModel m = UmbReader.readModel(new ByteArrayInputStream(prismStyleUmb()), "prism.umb", UmbOptions.defaults());
        java.util.BitSet goal = new java.util.BitSet();
        goal.set(2);
        assertEquals(goal, m.label("goal"));
        assertEquals(List.of("steps"), m.rewardStructureNames());
        assertArrayEquals(new double[] {1.0, 0.5, 2.0, 0.0}, m.rewardStructure("steps").choiceRewards());
        // written back, PRISM's layout: aps/<id>/states/values.bin as a bit set, rewards with the name as alias
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        UmbWriter.write(m, out);
        Map<String, byte[]> entries = UmbFixtures.untar(out.toByteArray());
        assertArrayEquals(uint64(0b100), entries.get("annotations/aps/goal/states/values.bin"));
        assertArrayEquals(doubles(1.0, 0.5, 2.0, 0.0), entries.get("annotations/rewards/steps/choices/values.bin"));
        String index = new String(entries.get("index.json"), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(true, index.contains("\"alias\": \"goal\"") && index.contains("\"type\": \"bool\""), index);
    }

    @Test
    void ourFileHasTheFieldsAndEntriesPrismsReaderLooksFor() throws Exception {
        Mdp original = UmbReader.read(new ByteArrayInputStream(prismStyleUmb()), "prism.umb",
                UmbOptions.defaults().objective(Objective.MINIMIZE).discount(0.9));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        UmbWriter.write(original, out);
        Map<String, byte[]> entries = UmbFixtures.untar(out.toByteArray());
        assertEquals("index.json", entries.keySet().iterator().next(), "the index comes first");
        for (String name : List.of("state-to-choices.bin", "choice-to-branches.bin", "branch-to-target.bin",
                "branch-to-probability.bin", "state-is-initial.bin", "actions/choices/values.bin",
                "actions/choices/string-mapping.bin", "actions/choices/strings.bin")) {
            assertEquals(true, entries.containsKey(name), name);
        }
        Object index = org.sparsemdp.io.json.JsonReader.parse(
                new String(entries.get("index.json"), java.nio.charset.StandardCharsets.UTF_8), "index.json");
        Map<?, ?> ts = (Map<?, ?>) ((Map<?, ?>) index).get("transition-system");
        assertEquals("discrete", ts.get("time"));
        assertEquals(1L, ts.get("#players"));
        assertEquals(3L, ts.get("#states"));
        assertEquals(4L, ts.get("#choices"));
        assertEquals(6L, ts.get("#branches"));
        assertEquals(2L, ts.get("#choice-actions"));
        assertEquals(Map.of("type", "double", "size", 64L), ts.get("branch-probability-type"));
        assertEquals(1L, ((Map<?, ?>) index).get("format-version"));
        assertArrayEquals(uint64(0, 2, 6), entries.get("actions/choices/string-mapping.bin"));
        assertArrayEquals(utf8("gostay"), entries.get("actions/choices/strings.bin"));
        assertArrayEquals(uint64(0b010), entries.get("state-is-initial.bin"));
    }
}
