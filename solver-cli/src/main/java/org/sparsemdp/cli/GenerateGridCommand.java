package org.sparsemdp.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sparsemdp.generate.GridLayout;
import org.sparsemdp.generate.GridWorldGenerator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sparsemdp generate grid}: a slippery grid world, random from a seed or from a text map. */
@Command(name = "grid", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Slippery grid world (Russell & Norvig style): actions N E S W, moves slip "
                + "sideways, walls block, goal and trap cells are terminal. Either a random layout "
                + "(--width, --height, --walls, --traps, --seed; start top-left, goal bottom-right) "
                + "or --map FILE (characters . # G T S).")
final class GenerateGridCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Layout layout;

    static final class Layout {
        @ArgGroup(exclusive = false)
        RandomLayout random;

        @Option(names = "--map", paramLabel = "FILE", description = "Text map: . free, # wall, G goal, T trap, S start.")
        Path map;
    }

    static final class RandomLayout {
        @Option(names = {"-W", "--width"}, paramLabel = "W", required = true, description = "Columns.")
        int width;

        @Option(names = {"-H", "--height"}, paramLabel = "H", required = true, description = "Rows.")
        int height;

        @Option(names = "--walls", paramLabel = "D", defaultValue = "0.1",
                description = "Probability that a cell is a wall (default: ${DEFAULT-VALUE}).")
        double walls;

        @Option(names = "--traps", paramLabel = "D", defaultValue = "0.02",
                description = "Probability that a cell is a trap (default: ${DEFAULT-VALUE}).")
        double traps;

        @Option(names = "--seed", paramLabel = "K", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;
    }

    @Option(names = "--slip", paramLabel = "P", defaultValue = "0.2",
            description = "Probability of slipping to one of the two perpendicular moves (default: ${DEFAULT-VALUE}).")
    double slip;

    @Option(names = "--step-cost", paramLabel = "C", defaultValue = "0.04", description = "Cost of every move.")
    double stepCost;

    @Option(names = "--goal-reward", paramLabel = "R", defaultValue = "1", description = "Reward for entering a goal.")
    double goalReward;

    @Option(names = "--trap-reward", paramLabel = "R", defaultValue = "-1", description = "Reward for entering a trap.")
    double trapReward;

    @Option(names = "--discount", paramLabel = "G", defaultValue = "0.99", description = "Discount factor (default: ${DEFAULT-VALUE}).")
    double discount;

    @Mixin
    GeneratedOutput output;

    @Override
    public Integer call() throws Exception {
        GridLayout grid;
        if (layout.map != null) {
            grid = GridLayout.parse(Files.readString(layout.map, StandardCharsets.UTF_8));
        } else {
            RandomLayout r = layout.random;
            grid = GridLayout.random(r.width, r.height, r.walls, r.traps, r.seed);
        }
        GridWorldGenerator g = new GridWorldGenerator(grid, slip, stepCost, goalReward, trapReward, discount);
        output.write(g.generate(), spec.commandLine().getOut());
        return 0;
    }
}
