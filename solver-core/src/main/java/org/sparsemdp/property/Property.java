package org.sparsemdp.property;

import java.util.Objects;
import org.sparsemdp.model.Objective;

/**
 * A numerical query as PRISM and Storm write it, parsed by {@link PropertyParser}:
 * {@code Pmax=? [ F "goal" ]}, {@code R{"time"}min=? [ C<=10 ]}, ...
 *
 * @param name            the name of a named property ({@code "name": ...}), or null
 * @param text            the property as written
 * @param reward          whether it is an R (reward) query rather than a P (probability) one
 * @param rewardStructure the reward structure ({@code R{"name"}} or {@code R{2}}), null for the default
 * @param direction       min or max, or null when the property leaves it open ({@code P=?})
 * @param path            the formula inside the brackets
 */
public record Property(String name, String text, boolean reward, String rewardStructure, Objective direction,
                       PathFormula path) {
    /** Checks the components. */
    public Property {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(path, "path");
    }

    /** The name if there is one, else the text. */
    public String label() {
        return name != null ? name : text;
    }

    /** This property with {@code direction} where it leaves the direction open. */
    public Property withDefaultDirection(Objective defaultDirection) {
        return direction != null ? this : new Property(name, text, reward, rewardStructure, defaultDirection, path);
    }
}
