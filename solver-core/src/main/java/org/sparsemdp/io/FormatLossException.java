package org.sparsemdp.io;

import java.util.Set;

/** Thrown when writing a model in a format would lose features that were not dropped explicitly. */
public final class FormatLossException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient Set<ModelFeature> features;

    /** A loss described by {@code message}, of {@code features}. */
    public FormatLossException(String message, Set<ModelFeature> features) {
        super(message);
        this.features = Set.copyOf(features);
    }

    /** The features that would be lost. */
    public Set<ModelFeature> features() {
        return features;
    }

    /** The features' keywords, comma-separated (as {@link ModelFeature#parseList} reads them). */
    public String keywords() {
        return ModelFeature.keywords(features);
    }
}
