package org.sparsemdp.bench.report;

/** Interprets JMH's unit strings ({@code ms/op}, {@code ops/s}, {@code B/op}, ...). */
final class Units {
    private Units() {
    }

    /** Seconds in one JMH time unit (s, ms, us, ns, min, hr), or NaN. */
    static double seconds(String timeUnit) {
        switch (timeUnit) {
            case "s":
                return 1;
            case "ms":
                return 1e-3;
            case "us":
                return 1e-6;
            case "ns":
                return 1e-9;
            case "min":
                return 60;
            case "hr":
                return 3600;
            default:
                return Double.NaN;
        }
    }

    /**
     * Seconds per operation for a score in {@code unit}: {@code T/op} (time per op) or
     * {@code ops/T} (throughput); NaN otherwise.
     */
    static double secondsPerOp(double score, String unit) {
        String[] parts = unit.split("/");
        if (parts.length != 2) {
            return Double.NaN;
        }
        if (parts[1].equals("op")) {
            return score * seconds(parts[0]);
        }
        if (parts[0].equals("ops")) {
            return seconds(parts[1]) / score;
        }
        return Double.NaN;
    }

    /**
     * A rate in events per second for an auxiliary counter of type OPERATIONS, which JMH reports
     * in the primary metric's unit: {@code ops/T} (events per T) or {@code T/op} (T per event).
     */
    static double perSecond(double score, String unit) {
        double secondsPerEvent = secondsPerOp(score, unit);
        return 1.0 / secondsPerEvent;
    }
}
