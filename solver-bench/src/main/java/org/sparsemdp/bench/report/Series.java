package org.sparsemdp.bench.report;

/**
 * One line of a chart: points sorted by x.
 *
 * @param name legend entry
 * @param x    abscissae, increasing
 * @param y    ordinates
 */
public record Series(String name, double[] x, double[] y) {
}
