package org.sparsemdp.io;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a model file can hold beyond its transitions, and what a format may be unable to hold:
 * the unit of {@link FormatLosses} and of the {@code --drop} option of {@code sparsemdp convert}.
 */
public enum ModelFeature {
    /** A discount factor other than 1. */
    DISCOUNT("discount"),
    /** The objective, when it is not the readers' default (minimise). */
    OBJECTIVE("objective"),
    /** State labels other than those the model determines ({@link LoadedModel#labelsBeyondModel()}). */
    LABELS("labels"),
    /** Reward structures (all of them, or those beyond the one a format holds). */
    REWARDS("rewards"),
    /** The state parts of reward structures. */
    STATE_REWARDS("state-rewards"),
    /** Initial states beyond the first. */
    INITIAL_STATES("initial"),
    /** The names of the actions. */
    ACTION_LABELS("actions");

    private final String keyword;

    ModelFeature(String keyword) {
        this.keyword = keyword;
    }

    /** The name on the command line ({@code --drop discount,labels}). */
    public String keyword() {
        return keyword;
    }

    /**
     * The features named in a comma-separated list of keywords (empty or null: none).
     *
     * @throws IllegalArgumentException naming the known keywords for an unknown one
     */
    public static Set<ModelFeature> parseList(String list) {
        Set<ModelFeature> out = EnumSet.noneOf(ModelFeature.class);
        if (list == null || list.isBlank()) {
            return out;
        }
        for (String part : list.split(",")) {
            String k = part.trim().toLowerCase(Locale.ROOT);
            ModelFeature found = null;
            for (ModelFeature f : values()) {
                if (f.keyword.equals(k)) {
                    found = f;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("unknown feature '" + part.trim() + "'; known: " + keywords());
            }
            out.add(found);
        }
        return out;
    }

    /** Every keyword, comma-separated. */
    public static String keywords() {
        return keywords(EnumSet.allOf(ModelFeature.class)).replace(",", ", ");
    }

    /** The keywords of {@code features}, comma-separated in declaration order (as {@link #parseList} reads them). */
    public static String keywords(Set<ModelFeature> features) {
        StringBuilder sb = new StringBuilder();
        for (ModelFeature f : values()) {
            if (features.contains(f)) {
                sb.append(sb.length() == 0 ? "" : ",").append(f.keyword);
            }
        }
        return sb.toString();
    }
}
