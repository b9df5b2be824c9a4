package org.sparsemdp.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sparsemdp.gradient.SoftmaxPolicy;
import org.sparsemdp.io.CsvTable;
import org.sparsemdp.io.ModelFormatException;
import org.sparsemdp.gradient.TabularSoftmax;
import org.sparsemdp.model.Mdp;

/**
 * Writes softmax parameters for {@code gradient --theta-out}: {@code state,action,theta} per
 * choice (tabular), {@code observation,action,theta} per parameter (observation-shared; the
 * observation numbered in order of first appearance, named by the first state that has it), or
 * {@code feature,theta} (linear features); and reads them back for {@code gradient --theta-in}.
 */
final class ThetaCsv {
    private ThetaCsv() {
    }

    static void write(Writer w, SoftmaxPolicy family, double[] theta, List<String> featureNames) throws IOException {
        Mdp mdp = family.mdp();
        if (featureNames != null) {
            w.write("feature,theta\n");
            for (int j = 0; j < theta.length; j++) {
                w.write(Csv.quote(featureNames.get(j)) + "," + theta[j] + "\n");
            }
            return;
        }
        TabularSoftmax t = (TabularSoftmax) family;
        if (t.numObservations() < 0) {
            w.write("state,action,theta\n");
            for (int s = 0; s < mdp.numStates(); s++) {
                for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                    w.write(s + "," + Csv.quote(mdp.actionLabel(c)) + "," + theta[c] + "\n");
                }
            }
            return;
        }
        w.write("observation,first_state,action,theta\n");
        boolean[] written = new boolean[theta.length];
        int observation = -1;
        for (int s = 0; s < mdp.numStates(); s++) {
            boolean opened = false;
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                int k = t.parameterOf(c);
                if (!written[k]) {
                    if (!opened) {
                        observation++;
                        opened = true;
                    }
                    written[k] = true;
                    w.write(observation + "," + s + "," + Csv.quote(mdp.actionLabel(c)) + "," + theta[k] + "\n");
                }
            }
        }
    }

    /**
     * Reads parameters in the format {@link #write} writes for {@code family}: every parameter
     * exactly once (rows in any order). For observation-shared families a row names the
     * parameter by its first state and action (the observation column is not used).
     *
     * @throws ModelFormatException naming file and line: wrong header, unknown state, action or
     *                              feature, a parameter given twice or missing, a bad number
     */
    static double[] read(Path path, SoftmaxPolicy family, List<String> featureNames) throws IOException {
        Mdp mdp = family.mdp();
        int p = family.numParameters();
        CsvTable t = CsvTable.read(path, p);
        double[] theta = new double[p];
        long[] seenOn = new long[p];
        boolean observations = featureNames == null && ((TabularSoftmax) family).numObservations() >= 0;
        if (featureNames != null) {
            t.requireHeader("feature", "theta");
        } else if (observations) {
            t.requireHeader("observation", "first_state", "action", "theta");
        } else {
            t.requireHeader("state", "action", "theta");
        }
        Map<String, Integer> features = new HashMap<>();
        if (featureNames != null) {
            for (int j = 0; j < featureNames.size(); j++) {
                features.put(featureNames.get(j), j);
            }
        }
        for (int r = 0; r < t.rows().size(); r++) {
            List<String> row = t.rows().get(r);
            int k;
            if (featureNames != null) {
                Integer j = features.get(row.get(0));
                if (j == null) {
                    throw t.error(r, "unknown feature '" + row.get(0) + "'");
                }
                k = j;
            } else {
                int stateColumn = observations ? 1 : 0;
                double sx = t.number(r, stateColumn);
                if (sx != Math.rint(sx) || sx < 0 || sx >= mdp.numStates()) {
                    throw t.error(r, "state " + row.get(stateColumn) + " is not a state 0.." + (mdp.numStates() - 1));
                }
                int c = choice(mdp, (int) sx, row.get(stateColumn + 1));
                if (c < 0) {
                    throw t.error(r, "state " + (int) sx + " has no action '" + row.get(stateColumn + 1) + "'");
                }
                k = observations ? ((TabularSoftmax) family).parameterOf(c) : c;
            }
            if (seenOn[k] != 0) {
                throw t.error(r, "parameter given again (first on line " + seenOn[k] + ")");
            }
            seenOn[k] = t.lines().get(r);
            theta[k] = t.number(r, row.size() - 1);
        }
        for (int k = 0; k < p; k++) {
            if (seenOn[k] == 0) {
                throw ModelFormatException.inFile(path.toString(), "parameter " + k + " of " + p
                        + " is missing (every parameter needs a row, as --theta-out writes them)");
            }
        }
        return theta;
    }

    private static int choice(Mdp mdp, int s, String label) {
        for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
            if (mdp.actionLabel(c).equals(label)) {
                return c;
            }
        }
        return -1;
    }
}
