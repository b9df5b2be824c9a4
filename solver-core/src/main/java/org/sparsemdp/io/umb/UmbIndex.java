package org.sparsemdp.io.umb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sparsemdp.io.ModelFormatException;
import org.sparsemdp.io.json.JsonReader;
import org.sparsemdp.model.Objective;

/**
 * The fields of a UMB {@code index.json} that an MDP needs, checked against the UMB
 * specification (pmc-tools/umb, {@code spec.md}, format version 1): a discrete-time model with at
 * most one player, double branch probabilities, counts that fit Java arrays, and the selected
 * reward annotation of type double.
 */
final class UmbIndex {
    /** Largest count accepted (Java array limit). */
    static final long MAX_COUNT = Integer.MAX_VALUE - 8;

    int numStates;
    int numChoices;
    int numBranches;
    int numChoiceActions;
    long numInitialStates = -1;
    int numPlayers;
    String rewardId; // null: no rewards
    boolean rewardOnStates;
    boolean rewardOnChoices;
    boolean rewardOnBranches;
    Objective objective;
    double discount = Double.NaN;

    private final String source;
    private final long offset;

    private UmbIndex(String source, long offset) {
        this.source = source;
        this.offset = offset;
    }

    private ModelFormatException error(String problem) {
        return ModelFormatException.atOffset(source, offset, "index.json: " + problem);
    }

    static UmbIndex parse(String json, String source, long offset, UmbOptions options) throws ModelFormatException {
        UmbIndex ix = new UmbIndex(source, offset);
        Object root;
        try {
            root = JsonReader.parse(json, "index.json");
        } catch (ModelFormatException e) { // "index.json:line: column C: problem", located in the archive
            throw ModelFormatException.atOffset(source, offset, e.getMessage());
        }
        Map<String, Object> top = ix.object(root, "the index");
        long version = ix.integer(top, "format-version", 0, Long.MAX_VALUE);
        if (version != 1) {
            throw ix.error("format-version " + version + " is not supported (this reader implements version 1)");
        }
        Map<String, Object> ts = ix.object(top.get("transition-system"), "\"transition-system\"");
        Object time = ts.get("time");
        if (!"discrete".equals(time)) {
            throw ix.error("\"time\": " + time + " is not supported (only discrete-time models)");
        }
        ix.numPlayers = (int) ix.integer(ts, "#players", 0, Integer.MAX_VALUE);
        if (ix.numPlayers > 1) {
            throw ix.error(ix.numPlayers + " players: games are not supported");
        }
        ix.numStates = (int) ix.integer(ts, "#states", 1, MAX_COUNT);
        ix.numChoices = (int) ix.integer(ts, "#choices", 0, MAX_COUNT);
        ix.numBranches = (int) ix.integer(ts, "#branches", 0, MAX_COUNT);
        ix.numChoiceActions = (int) ix.integer(ts, "#choice-actions", 0, MAX_COUNT);
        if (ts.containsKey("#initial-states")) {
            ix.numInitialStates = ix.integer(ts, "#initial-states", 0, Long.MAX_VALUE);
        }
        long observations = ts.containsKey("#observations") ? ix.integer(ts, "#observations", 0, Long.MAX_VALUE) : 0;
        if (observations > 0 && !options.underlyingMdpOfPomdp()) {
            throw ix.error("this is a POMDP (#observations = " + observations + "); it can be read as its underlying"
                    + " MDP only when that is asked for explicitly (option --pomdp-as-mdp)");
        }
        Object probType = ts.get("branch-probability-type");
        if (probType == null) {
            throw ix.error("no \"branch-probability-type\": models without probabilities are not MDPs");
        }
        ix.checkDoubleType(probType, "branch-probability-type");
        ix.readRewards(top.get("annotations"), options.reward());
        ix.readParameters(top.get("file-data"));
        return ix;
    }

    private void checkDoubleType(Object type, String what) throws ModelFormatException {
        Map<String, Object> t = object(type, "\"" + what + "\"");
        if (!"double".equals(t.get("type"))) {
            throw error("\"" + what + "\" of type " + t.get("type") + " is not supported (only \"double\")");
        }
        if (t.containsKey("size") && !Long.valueOf(64).equals(t.get("size"))) {
            throw error("\"" + what + "\": a double must have size 64, not " + t.get("size"));
        }
    }

    private void readRewards(Object annotations, String wanted) throws ModelFormatException {
        if (annotations == null) {
            if (wanted != null) {
                throw error("no reward annotation '" + wanted + "' (the file has no annotations)");
            }
            return;
        }
        Map<String, Object> groups = object(annotations, "\"annotations\"");
        Object rewardsObj = groups.get("rewards");
        if (rewardsObj == null) {
            if (wanted != null) {
                throw error("no reward annotation '" + wanted + "' (the file has no rewards)");
            }
            return;
        }
        Map<String, Object> rewards = object(rewardsObj, "\"annotations\".\"rewards\"");
        List<String> ids = new ArrayList<>(rewards.keySet());
        String chosen = null;
        for (String id : ids) {
            Map<String, Object> a = object(rewards.get(id), "reward \"" + id + "\"");
            if (wanted == null || wanted.equals(id) || wanted.equals(a.get("alias"))) {
                chosen = id;
                break;
            }
        }
        if (chosen == null) {
            if (wanted != null) {
                throw error("no reward annotation '" + wanted + "'; the file has " + ids);
            }
            return;
        }
        if (!chosen.matches("[0-9a-z_-]+")) {
            throw error("reward identifier \"" + chosen + "\" is not of the form [0-9a-z_-]+");
        }
        Map<String, Object> a = object(rewards.get(chosen), "reward \"" + chosen + "\"");
        checkDoubleType(a.get("type"), "annotations.rewards." + chosen + ".type");
        Object appliesTo = a.get("applies-to");
        if (!(appliesTo instanceof List) || ((List<?>) appliesTo).isEmpty()) {
            throw error("reward \"" + chosen + "\" needs a non-empty \"applies-to\" list");
        }
        for (Object o : (List<?>) appliesTo) {
            if ("states".equals(o)) {
                rewardOnStates = true;
            } else if ("choices".equals(o)) {
                rewardOnChoices = true;
            } else if ("branches".equals(o)) {
                rewardOnBranches = true;
            } else {
                throw error("reward \"" + chosen + "\" applies to " + o + ", not to states, choices or branches");
            }
        }
        rewardId = chosen;
    }

    private void readParameters(Object fileData) {
        if (!(fileData instanceof Map)) {
            return;
        }
        Map<?, ?> fd = (Map<?, ?>) fileData;
        if (!UmbWriter.TOOL.equals(fd.get("tool")) || !(fd.get("parameters") instanceof Map)) {
            return;
        }
        Map<?, ?> p = (Map<?, ?>) fd.get("parameters");
        if ("min".equals(p.get("objective"))) {
            objective = Objective.MINIMIZE;
        } else if ("max".equals(p.get("objective"))) {
            objective = Objective.MAXIMIZE;
        }
        if (p.get("discount") instanceof Number) {
            discount = ((Number) p.get("discount")).doubleValue();
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(Object o, String what) throws ModelFormatException {
        if (!(o instanceof Map)) {
            throw error(what + " must be a JSON object");
        }
        return (Map<String, Object>) o;
    }

    private long integer(Map<String, Object> m, String key, long min, long max) throws ModelFormatException {
        Object v = m.get(key);
        if (v == null) {
            throw error("missing \"" + key + "\"");
        }
        if (!(v instanceof Long)) {
            throw error("\"" + key + "\" must be an integer, not " + v);
        }
        long x = (Long) v;
        if (x < min || x > max) {
            throw error("\"" + key + "\" = " + x + " is outside the supported range " + min + ".." + max);
        }
        return x;
    }
}
