package org.sparsemdp.io;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.sparsemdp.model.Mdp;

/**
 * What the partitioned model layout ({@link org.sparsemdp.io.partitioned.PartitionIndex}, written by
 * {@code sparsemdp convert --partitions}) holds: the transitions, one reward per choice, discount,
 * objective, action labels and one initial state; not state labels, several reward structures or
 * state rewards (the distributed solvers use none of them). Conversions check their losses against
 * it as against any other format ({@link FormatLosses}): what it cannot hold is an error unless
 * dropped.
 */
public final class PartitionedModelFormat {
    /** The layout as a (directory-valued, not registered) format, for {@link FormatLosses}. */
    public static final ModelFormat FORMAT = new ModelFormat("partitioned", List.of(),
            EnumSet.of(ModelFeature.DISCOUNT, ModelFeature.OBJECTIVE, ModelFeature.REWARDS,
                    ModelFeature.ACTION_LABELS), false, false, mdp -> true, null, null, null);

    private PartitionedModelFormat() {
    }

    /**
     * The MDP to write for {@code model}: without the features {@code drop} names, with the
     * rewards of its (single remaining) reward structure as choice rewards.
     *
     * @throws FormatLossException if the layout would lose a feature that {@code drop} does not name
     */
    public static Mdp mdpToWrite(LoadedModel model, Set<ModelFeature> drop) {
        LoadedModel m = FormatLosses.drop(model, drop, FORMAT);
        FormatLosses.check(m, FORMAT, drop);
        return ModelFormats.singleRewardMdp(m);
    }
}
