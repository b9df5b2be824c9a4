package org.sparsemdp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparsemdp.evaluate.KrylovMethod;
import org.sparsemdp.evaluate.PolicyEvaluator;
import org.sparsemdp.evaluate.Preconditioning;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.ModelFormats;
import org.sparsemdp.io.mdp.MdpTextReader;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.property.PropertyParser;
import org.sparsemdp.property.Query;
import org.sparsemdp.property.QueryResult;
import org.sparsemdp.property.QuerySolver;
import org.sparsemdp.property.QuerySolvers;
import org.sparsemdp.property.StateContext;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Certificate;
import org.sparsemdp.result.Status;
import org.sparsemdp.solve.PolicyIterationSolver;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.Solvers;
import org.sparsemdp.solve.ThreadsRefusedException;

/**
 * The Java snippets of the README's "Library" section, compiled and run. Each snippet sits
 * between {@code // README begin} and {@code // README end}; {@link #readmeShowsExactlyTheseSnippets}
 * fails when the README and this file drift apart. The only permitted difference: paths here are
 * relative to the module ({@code ../datasets}), in the README to the repository root.
 */
class ReadmeExamplesTest {
    private static final Path README = Path.of("../README.md");
    private static final Path THIS_FILE = Path.of("src/test/java/org/sparsemdp/examples/ReadmeExamplesTest.java");

    @Test
    void solveAFileWithValueIteration() throws IOException {
        // README begin
        // A model from a file, solved by value iteration to a certified bound of 1e-8.
        Mdp inventory = MdpTextReader.read(Path.of("../datasets/inventory/inventory.mdp"));
        Solution sol = Solvers.byName("vi").solve(inventory, SolverOptions.builder().epsilon(1e-8).build());
        double v0 = sol.value(0);                 // 1290/49 within sol.errorBound()
        String action = sol.actionLabel(inventory, 0); // "4": the label of the chosen action
        boolean proof = sol.accuracy() == Accuracy.CERTIFIED && sol.status() == Status.CONVERGED;
        // README end
        // The seed lab's optimum (Bo Tang, Lab 10): v(0) = 1290/49, produce 4 in state 0.
        assertTrue(proof);
        assertTrue(Math.abs(v0 - 1290.0 / 49) <= sol.errorBound(), v0 + " ± " + sol.errorBound());
        assertEquals("4", action);
        assertEquals(4, sol.actionIndex(inventory, 0) + 2, "choices of state 0 produce 2, 3, 4");
    }

    @Test
    void buildAModelInCode() {
        // README begin
        // A model built in code: state 0 waits (cost 1, stays with probability 0.5) or goes (cost 2);
        // state 1 is absorbing at no cost. Minimise the discounted cost with discount 0.9.
        MdpBuilder builder = new MdpBuilder(2).objective(Objective.MINIMIZE).discount(0.9);
        builder.startChoice(0, "wait", 1.0).addTransition(0, 0.5).addTransition(1, 0.5);
        builder.finishChoice();
        builder.startChoice(0, "go", 2.0).addTransition(1, 1.0);
        builder.finishChoice();
        builder.startChoice(1, "stay", 0.0).addTransition(1, 1.0);
        builder.finishChoice();
        Mdp mdp = builder.build();
        Solution best = Solvers.byName("pi").solve(mdp, SolverOptions.builder().epsilon(1e-10).build());
        // best.value(0) = 1 / (1 − 0.9·0.5) = 1.8181…, best.actionLabel(mdp, 0) = "wait"
        // README end
        // By hand: waiting forever costs v = 1 + 0.45 v, v = 1/0.55 < 2 = going at once.
        assertEquals(1 / 0.55, best.value(0), 1e-9);
        assertEquals(0.0, best.value(1), 0.0);
        assertEquals("wait", best.actionLabel(mdp, 0));
        assertEquals(0, best.actionIndex(mdp, 0));
    }

    @Test
    void registerAVariantAndSolveByName() throws IOException {
        // README begin
        // A configured variant, registered under a name of its own and solved by name like a built-in.
        Solvers.register("pi-gmres", () -> new PolicyIterationSolver(
                PolicyEvaluator.builder().method(KrylovMethod.GMRES).preconditioning(Preconditioning.ILU0).build(),
                PolicyIterationSolver.DEFAULT_EVALUATION_FRACTION));
        LoadedModel model = ModelFormats.read(Path.of("../datasets/inventory/inventory.mdp"));
        Solution sol = Solvers.byName("pi-gmres").solve(model.mdp(), SolverOptions.defaults());
        String method = sol.method(); // "pi[krylov=gmres]": the configuration, as results report it
        boolean threaded = Solvers.byName("pi-gmres").usesThreads(); // false: threads(2) is refused
        // README end
        // The seed lab's optimum (Bo Tang, Lab 10): v(0) = 1290/49; GMRES finds it as BiCGstab does.
        assertEquals(1290.0 / 49, sol.value(0), sol.errorBound() + 1e-12);
        assertEquals(Status.CONVERGED, sol.status());
        assertEquals("pi[krylov=gmres]", method);
        assertTrue(Solvers.names().contains("pi-gmres"));
        assertEquals(false, threaded);
        assertThrows(ThreadsRefusedException.class, () -> Solvers.byName("pi-gmres").solve(model.mdp(),
                SolverOptions.builder().threads(2).build()));
    }

    @Test
    void answerAPropertyWithTheSolverChosenForIt() throws IOException {
        // README begin
        // A PRISM/Storm property on a labelled model, answered by the query solver chosen for it.
        LoadedModel dice = ModelFormats.read(Path.of("../datasets/dice/two_dice.drn"));
        Query query = Query.of(PropertyParser.parse("Pmax=? [ F \"sum7\" ]"), StateContext.of(dice));
        QuerySolver solver = QuerySolvers.forQuery(query, "ovi"); // optimistic value iteration
        QueryResult answer = solver.solve(dice, query, SolverOptions.builder().epsilon(1e-9).build());
        double p = answer.solution().value(0);                // 1/6 within the certificate's bound
        Certificate proof = answer.solution().certificate();  // CERTIFIED: value and policy bounds
        boolean threaded = solver.usesThreads();              // false: threads(2) is refused
        // README end
        // Two fair dice simulated by coins (Knuth & Yao 1976, PRISM's dice case study): P[sum 7] = 6/36.
        assertEquals(Accuracy.CERTIFIED, proof.accuracy());
        assertTrue(proof.proves(1e-9), proof.toString());
        assertEquals(1.0 / 6, p, proof.errorBound());
        assertEquals("ovi", solver.name());
        assertEquals(false, threaded);
        assertThrows(ThreadsRefusedException.class, () -> solver.solve(dice, query,
                SolverOptions.builder().threads(2).build()));
    }

    @Test
    void readmeShowsExactlyTheseSnippets() throws IOException {
        List<String> inReadme = javaBlocks(Files.readAllLines(README));
        List<String> inTests = markedBlocks(Files.readAllLines(THIS_FILE));
        assertEquals(inTests.size(), inReadme.size(), "number of ```java blocks in README.md");
        for (int i = 0; i < inTests.size(); i++) {
            assertEquals(inTests.get(i).replace("\"../datasets/", "\"datasets/"), inReadme.get(i),
                    "README ```java block " + (i + 1) + " differs from the tested code");
        }
    }

    private static List<String> javaBlocks(List<String> lines) {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = null;
        for (String line : lines) {
            if (current == null && line.trim().equals("```java")) {
                current = new StringBuilder();
            } else if (current != null && line.trim().equals("```")) {
                blocks.add(current.toString());
                current = null;
            } else if (current != null) {
                current.append(line.strip()).append('\n');
            }
        }
        return blocks;
    }

    private static List<String> markedBlocks(List<String> lines) {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = null;
        for (String line : lines) {
            String t = line.strip();
            if (t.equals("// README " + "begin")) {
                current = new StringBuilder();
            } else if (t.equals("// README " + "end")) {
                blocks.add(current.toString());
                current = null;
            } else if (current != null) {
                current.append(t).append('\n');
            }
        }
        return blocks;
    }
}
