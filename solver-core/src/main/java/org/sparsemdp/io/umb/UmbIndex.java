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
    /** Every reward annotation, in index order. */
    final List<Annotation> rewards = new ArrayList<>();
    /** Every atomic-proposition annotation (state labels), in index order. */
    final List<Annotation> aps = new ArrayList<>();
    /** Index in {@link #rewards} of the annotation that becomes the model's rewards; -1: none. */
    int selectedReward = -1;
    Objective objective;
    double discount = Double.NaN;

    private final String source;
    private final long offset;

    /** One annotation: identifier, alias (the name users see) and what it applies to. */
    static final class Annotation {
        final String id;
        final String alias;
        boolean onStates;
        boolean onChoices;
        boolean onBranches;

        Annotation(String id, String alias) {
            this.id = id;
            this.alias = alias;
        }

        /** The alias if there is one, else the identifier. */
        String name() {
            return alias != null && !alias.isEmpty() ? alias : id;
        }
    }

    /** The reward annotation with identifier {@code id}, or null. */
    Annotation reward(String id) {
        for (Annotation a : rewards) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        return null;
    }

    /** The atomic-proposition annotation with identifier {@code id}, or null. */
    Annotation ap(String id) {
        for (Annotation a : aps) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        return null;
    }

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
        ix.readAps(top.get("annotations"));
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
        Map<String, Object> map = object(rewardsObj, "\"annotations\".\"rewards\"");
        for (Map.Entry<String, Object> e : map.entrySet()) {
            String id = e.getKey();
            Map<String, Object> a = object(e.getValue(), "reward \"" + id + "\"");
            if (!id.matches("[0-9a-z_-]+")) {
                throw error("reward identifier \"" + id + "\" is not of the form [0-9a-z_-]+");
            }
            checkDoubleType(a.get("type"), "annotations.rewards." + id + ".type");
            Annotation r = new Annotation(id, a.get("alias") instanceof String ? (String) a.get("alias") : null);
            Object appliesTo = a.get("applies-to");
            if (!(appliesTo instanceof List) || ((List<?>) appliesTo).isEmpty()) {
                throw error("reward \"" + id + "\" needs a non-empty \"applies-to\" list");
            }
            for (Object o : (List<?>) appliesTo) {
                if ("states".equals(o)) {
                    r.onStates = true;
                } else if ("choices".equals(o)) {
                    r.onChoices = true;
                } else if ("branches".equals(o)) {
                    r.onBranches = true;
                } else {
                    throw error("reward \"" + id + "\" applies to " + o + ", not to states, choices or branches");
                }
            }
            if (selectedReward < 0 && (wanted == null || wanted.equals(id) || wanted.equals(r.alias))) {
                selectedReward = rewards.size();
            }
            rewards.add(r);
        }
        if (selectedReward < 0 && wanted != null) {
            throw error("no reward annotation '" + wanted + "'; the file has " + new ArrayList<>(map.keySet()));
        }
    }

    /** Atomic propositions: Boolean annotations of states, as the specification requires. */
    private void readAps(Object annotations) throws ModelFormatException {
        if (annotations == null) {
            return;
        }
        Object apsObj = object(annotations, "\"annotations\"").get("aps");
        if (apsObj == null) {
            return;
        }
        for (Map.Entry<String, Object> e : object(apsObj, "\"annotations\".\"aps\"").entrySet()) {
            String id = e.getKey();
            if (!id.matches("[0-9a-z_-]+")) {
                throw error("atomic proposition identifier \"" + id + "\" is not of the form [0-9a-z_-]+");
            }
            Map<String, Object> a = object(e.getValue(), "atomic proposition \"" + id + "\"");
            Map<String, Object> type = object(a.get("type"), "annotations.aps." + id + ".type");
            if (!"bool".equals(type.get("type")) || (type.containsKey("size") && !Long.valueOf(1).equals(type.get("size")))) {
                throw error("atomic proposition \"" + id + "\" must have type bool of size 1");
            }
            if (!List.of("states").equals(a.get("applies-to"))) {
                throw error("atomic proposition \"" + id + "\" must apply to [\"states\"] only");
            }
            Annotation ap = new Annotation(id, a.get("alias") instanceof String ? (String) a.get("alias") : null);
            ap.onStates = true;
            aps.add(ap);
        }
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
