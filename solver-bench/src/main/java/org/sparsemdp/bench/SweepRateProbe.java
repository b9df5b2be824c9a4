package org.sparsemdp.bench;

import java.util.Arrays;
import org.sparsemdp.generate.GarnetGenerator;
import org.sparsemdp.generate.StopEmbedding;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.solve.BellmanKernel;
import org.sparsemdp.solve.undiscounted.UndiscountedSweeps;

/**
 * An interleaved, non-JMH companion of {@code ReachabilityBenchmark.Sweeps} for a shared, noisy
 * machine: the same model and kernels, but each round times {@code sweeps} sweeps of every kernel
 * one after the other, so that the load hits all of them alike; it prints per kernel the median
 * rate (transitions per second) over the rounds and the median of its per-round ratio to the
 * discounted {@code gs} kernel. Arguments: garnetStates [rounds [sweeps]] (defaults 15 and 5).
 *
 * <pre>java -cp solver-bench/target/benchmarks.jar org.sparsemdp.bench.SweepRateProbe 100000</pre>
 */
public final class SweepRateProbe {
    private static final String[] KERNELS = {"gs", "interval", "exitRate", "oviLower", "oviVerify", "svi"};

    private SweepRateProbe() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int sweeps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Mdp discounted = GarnetGenerator.generate(n, 4, 4, 0.99, 1);
        LoadedModel stop = StopEmbedding.embed(discounted);
        Mdp undiscounted = stop.mdp();
        UndiscountedSweeps u = UndiscountedSweeps.rewardUntil(undiscounted, undiscounted.rewardArray(),
                stop.label(StopEmbedding.STOP), Objective.MAXIMIZE);
        double[] v = new double[discounted.numStates()];
        double[] range = new double[2];
        long[] transitions = new long[KERNELS.length];
        Arrays.fill(transitions, u.transitions());
        transitions[0] = discounted.numTransitions();
        double[][] rate = new double[KERNELS.length][rounds];
        double sink = 0;
        for (int r = -2; r < rounds; r++) { // two warm-up rounds
            for (int k = 0; k < KERNELS.length; k++) {
                long t0 = System.nanoTime();
                for (int s = 0; s < sweeps; s++) {
                    sink += sweep(k, discounted, v, range, u);
                }
                long dt = System.nanoTime() - t0;
                if (r >= 0) {
                    rate[k][r] = transitions[k] * (double) sweeps / (dt / 1e9);
                }
            }
        }
        System.out.printf("garnetStates=%d rounds=%d sweeps/round=%d transitions/sweep gs=%d undiscounted=%d (sink %.1f)%n",
                n, rounds, sweeps, transitions[0], transitions[1], sink);
        for (int k = 0; k < KERNELS.length; k++) {
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = rate[k][r] / rate[0][r];
            }
            System.out.printf("%-10s median %7.1f M transitions/s   median ratio to gs %.2f   (min %.1f, max %.1f)%n",
                    KERNELS[k], median(rate[k]) / 1e6, median(ratio), min(rate[k]) / 1e6, max(rate[k]) / 1e6);
        }
    }

    private static double sweep(int k, Mdp discounted, double[] v, double[] range, UndiscountedSweeps u) {
        switch (k) {
            case 0:
                BellmanKernel.gaussSeidelSweep(discounted, v, 0, v.length, range);
                return range[1];
            case 1:
                return u.interval();
            case 2:
                return u.exitRate();
            case 3:
                return u.lower();
            case 4:
                return u.verify();
            default:
                return u.sound();
        }
    }

    private static double median(double[] x) {
        double[] c = x.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }

    private static double min(double[] x) {
        return Arrays.stream(x).min().orElse(Double.NaN);
    }

    private static double max(double[] x) {
        return Arrays.stream(x).max().orElse(Double.NaN);
    }
}
