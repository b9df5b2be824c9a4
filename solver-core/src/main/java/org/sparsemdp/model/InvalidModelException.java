package org.sparsemdp.model;

/**
 * Thrown when a model under construction violates an invariant of {@link Mdp}: a successor out
 * of range, a probability outside [0, 1], a choice whose probabilities do not sum to one, a
 * non-finite reward. The message names the state and, where known, the choice.
 *
 * <p>Readers catch it and rethrow it with the file name and line number of the offending input.
 */
public class InvalidModelException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the offending state/choice. */
    public InvalidModelException(String message) {
        super(message);
    }
}
