package org.sparsemdp.io.cassandra;

/**
 * The transition rows of a Cassandra file in the model's CSR layout: row {@code c = s·A + a} has
 * the entries {@code transStart[c] .. transStart[c+1]-1} with strictly increasing successors and
 * non-zero probabilities; {@code successor} and {@code probability} may be longer than
 * {@code size}. Rows are not yet checked to be non-empty or to sum to one.
 */
record CsrRows(int[] transStart, int[] successor, double[] probability, int size) {
}
