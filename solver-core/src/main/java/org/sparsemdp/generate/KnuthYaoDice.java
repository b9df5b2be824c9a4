package org.sparsemdp.generate;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.model.HeapCheck;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;

/**
 * k fair six-sided dice, each simulated with a fair coin by the Knuth–Yao algorithm (D. Knuth,
 * A. Yao, "The complexity of nonuniform random number generation", 1976; the PRISM case study
 * "dice"), rolled in an order chosen by a scheduler: the MDP behind Storm's and PRISM's
 * {@code two_dice} benchmark, generalised to k dice.
 *
 * <p>One die has 13 local states: coin states s0..s6 and the results 1..6. From s0 a flip leads
 * to s1 or s2; s1 → s3 | s4; s2 → s5 | s6; s3 → s1 | 1; s4 → 2 | 3; s5 → 4 | 5; s6 → s2 | 6,
 * each with probability ½. A global state is the vector of local states (index Σ l<sub>i</sub>·13<sup>i</sup>,
 * so 13<sup>k</sup> states, all reachable); its choices {@code d0}, {@code d1}, ... flip one
 * unfinished die, with reward 1 (one coin flip). States where every die is finished are terminal.
 *
 * <p>Labels: {@code done} (all finished) and {@code sumN} for each total N; reward structure
 * {@code flips}. Known values: each result has probability 1/6 and a die needs 11/3 flips on
 * average, so for any scheduler P(sum of two dice = 2) = 1/36 and the expected number of flips
 * until {@code done} is 11k/3.
 */
public final class KnuthYaoDice {
    /** Local states per die. */
    public static final int LOCAL_STATES = 13;
    /** Successors of coin states s0..s6 (two each); 7 + (v − 1) is the finished state with result v. */
    private static final int[][] NEXT = {{1, 2}, {3, 4}, {5, 6}, {1, 7}, {8, 9}, {10, 11}, {2, 12}};

    private KnuthYaoDice() {
    }

    /**
     * The model for {@code k} dice (1 ≤ k ≤ 7; 13<sup>7</sup> ≈ 6.3·10<sup>7</sup> states).
     *
     * @throws IllegalArgumentException for k outside 1..7
     */
    public static LoadedModel dice(int k) {
        if (k < 1 || k > 7) {
            throw new IllegalArgumentException("number of dice must be in 1..7, got " + k);
        }
        int n = 1;
        for (int i = 0; i < k; i++) {
            n *= LOCAL_STATES;
        }
        HeapCheck.ensureFree(60L * n * k, "the " + k + "-dice model");
        MdpBuilder b = new MdpBuilder(n);
        int[] local = new int[k];
        int[] weight = new int[k];
        weight[0] = 1;
        for (int i = 1; i < k; i++) {
            weight[i] = weight[i - 1] * LOCAL_STATES;
        }
        BitSet done = new BitSet(n);
        Map<Integer, BitSet> sums = new java.util.TreeMap<>();
        String[] actions = new String[k];
        for (int i = 0; i < k; i++) {
            actions[i] = "d" + i;
        }
        int[] targets = new int[2];
        double[] half = {0.5, 0.5};
        for (int s = 0; s < n; s++) {
            int rest = s;
            boolean allDone = true;
            int sum = 0;
            for (int i = 0; i < k; i++) {
                local[i] = rest % LOCAL_STATES;
                rest /= LOCAL_STATES;
                if (local[i] < 7) {
                    allDone = false;
                } else {
                    sum += local[i] - 6;
                }
            }
            if (allDone) {
                done.set(s);
                sums.computeIfAbsent(sum, x -> new BitSet()).set(s);
                continue;
            }
            for (int i = 0; i < k; i++) {
                if (local[i] >= 7) {
                    continue;
                }
                int base = s - local[i] * weight[i];
                targets[0] = base + NEXT[local[i]][0] * weight[i];
                targets[1] = base + NEXT[local[i]][1] * weight[i];
                b.addChoice(s, actions[i], 1.0, targets, half);
            }
        }
        Mdp mdp = b.build();
        Map<String, BitSet> labels = new LinkedHashMap<>();
        labels.put("done", done);
        for (Map.Entry<Integer, BitSet> e : sums.entrySet()) {
            labels.put("sum" + e.getKey(), e.getValue());
        }
        Map<String, double[]> rewards = new LinkedHashMap<>();
        rewards.put("flips", mdp.rewardArray().clone());
        return LoadedModel.assemble(mdp, labels, rewards);
    }
}
