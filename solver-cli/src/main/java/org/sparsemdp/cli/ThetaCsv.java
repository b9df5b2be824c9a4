package org.sparsemdp.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.sparsemdp.gradient.SoftmaxPolicy;
import org.sparsemdp.gradient.TabularSoftmax;
import org.sparsemdp.model.Mdp;

/**
 * Writes softmax parameters for {@code gradient --theta-out}: {@code state,action,theta} per
 * choice (tabular), {@code observation,action,theta} per parameter (observation-shared; the
 * observation numbered in order of first appearance, named by the first state that has it), or
 * {@code feature,theta} (linear features).
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
}
