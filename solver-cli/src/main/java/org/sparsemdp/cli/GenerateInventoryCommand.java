package org.sparsemdp.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.sparsemdp.generate.DemandDistribution;
import org.sparsemdp.generate.InventoryGenerator;
import org.sparsemdp.generate.InventoryGenerator.HoldingBasis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sparsemdp generate inventory}: the seed inventory lab, generalised. */
@Command(name = "inventory", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Single-item inventory with a setup cost; states = starting inventory 0..C. "
                + "Defaults are the seed lab's instance (datasets/inventory/inventory.mdp).")
final class GenerateInventoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-C", "--capacity"}, paramLabel = "C", defaultValue = "3",
            description = "Largest end-of-period inventory (default: ${DEFAULT-VALUE}).")
    int capacity;

    @Option(names = "--setup-cost", paramLabel = "K", defaultValue = "4", description = "Cost of a period with production.")
    double setupCost;

    @Option(names = "--unit-cost", paramLabel = "c", defaultValue = "1", description = "Cost per unit produced.")
    double unitCost;

    @Option(names = "--holding-cost", paramLabel = "h", defaultValue = "1", description = "Cost per unit held.")
    double holdingCost;

    @Option(names = "--holding-on", paramLabel = "start|expected-end", defaultValue = "start",
            description = "Charge holding on the starting inventory (the lab) or the expected ending one.")
    String holdingOn;

    @Option(names = "--demand", paramLabel = "D:P,...", defaultValue = "1:0.5,2:0.5",
            description = "Demand distribution: value:probability pairs, or uniform:LO..HI (default: ${DEFAULT-VALUE}).")
    String demand;

    @Option(names = "--discount", paramLabel = "G", defaultValue = "0.8", description = "Discount factor.")
    double discount;

    @Mixin
    GeneratedOutput output;

    @Override
    public Integer call() throws Exception {
        HoldingBasis basis;
        switch (holdingOn.toLowerCase(Locale.ROOT)) {
            case "start":
                basis = HoldingBasis.STARTING;
                break;
            case "expected-end":
                basis = HoldingBasis.EXPECTED_ENDING;
                break;
            default:
                throw new IllegalArgumentException("--holding-on must be start or expected-end, got '" + holdingOn + "'");
        }
        InventoryGenerator g = new InventoryGenerator(capacity, setupCost, unitCost, holdingCost, basis,
                parseDemand(demand), discount);
        output.write(g.generate(), spec.commandLine().getOut());
        return 0;
    }

    static DemandDistribution parseDemand(String text) {
        if (text.startsWith("uniform:")) {
            String[] range = text.substring("uniform:".length()).split("\\.\\.", -1);
            try {
                if (range.length != 2) {
                    throw new NumberFormatException();
                }
                return DemandDistribution.uniform(Integer.parseInt(range[0].trim()), Integer.parseInt(range[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--demand: '" + text + "' is not uniform:LO..HI, e.g. uniform:0..20");
            }
        }
        String[] pairs = text.split(",", -1);
        int[] values = new int[pairs.length];
        double[] probabilities = new double[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            String[] vp = pairs[i].trim().split(":", -1);
            try {
                if (vp.length != 2) {
                    throw new NumberFormatException();
                }
                values[i] = Integer.parseInt(vp[0].trim());
                probabilities[i] = Double.parseDouble(vp[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--demand: '" + pairs[i].trim() + "' (item " + (i + 1)
                        + ") is not value:probability, e.g. 1:0.5");
            }
        }
        return new DemandDistribution(values, probabilities);
    }
}
