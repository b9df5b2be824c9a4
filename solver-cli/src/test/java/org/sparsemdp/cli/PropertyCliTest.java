package org.sparsemdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code solve --property/--properties}, the discount-1 default R[C] with its Infinity
 * explanation, and missing reward files, on the published models of
 * {@code shared/data/external} (values from PRISM's and Storm's test suites; SOURCES.txt there).
 */
class PropertyCliTest {
    private static final Path EXTERNAL = externalData();

    private static Path externalData() {
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path d = p.resolve("shared/data/external");
            if (Files.isDirectory(d)) {
                return d;
            }
        }
        return Paths.get("../../shared/data/external");
    }

    private static Path external(String folder, String file) {
        assumeTrue(Files.isDirectory(EXTERNAL), "external data not present");
        return EXTERNAL.resolve(folder).resolve(file);
    }

    /** The initialValue of every JSON line. */
    private static List<Double> initialValues(CliTest.Run r) {
        List<Double> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"initialValue\":\"?([^,}\"]+)").matcher(r.out());
        while (m.find()) {
            out.add(Double.parseDouble(m.group(1)));
        }
        return out;
    }

    @Test
    void propertiesOnTheRobotModelAsJsonLines() {
        Path robot = external("prism_robot", "robot.tra");
        CliTest.Run r = CliTest.run("solve", robot.toString(), "--property", "Rmin=? [ F \"goal2\" ]",
                "--property", "Rmax=? [ F (\"goal1\"|\"goal2\") ]", "--property", "R{\"move\"}min=? [ C ]",
                "--property", "Pmax=? [ F<=2 s=5 ]", "--json", "-e", "1e-9");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(4, lines.length, r.out());
        assertTrue(lines[0].startsWith("{\"property\":\"Rmin=? [ F \\\"goal2\\\" ]\""), lines[0]);
        List<Double> v = initialValues(r);
        assertEquals(19.0 / 15, v.get(0), 1e-6); // robot.prism.props
        assertEquals(3.5, v.get(1), 1e-6); // robot.prism.props
        assertEquals(1 + 0.1 + 0.1 / 0.6, v.get(2), 1e-6); // R[C] "move": 1.2667 (computed by hand in SOURCES terms)
        // s=5 in two steps: east (0.6 stays in 0) ... the best is south then east from 4: 0.1 * 1 = 0.1
        assertEquals(0.1, v.get(3), 1e-12);
        assertTrue(lines[3].contains("\"steps\":2") && lines[3].contains("\"accuracy\":\"EXACT\""), lines[3]);
        assertTrue(lines[2].contains("\"rewardStructure\":\"move\""), lines[2]);
    }

    @Test
    void textTableAndInfinityReason() {
        Path robot = external("prism_robot", "robot.tra");
        CliTest.Run r = CliTest.run("solve", robot.toString(), "--property", "Rmax=? [ F \"goal2\" ]",
                "--property", "Pmin=? [ F \"goal1\" ]");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("property") && r.out().contains("value (initial)"), r.out());
        assertTrue(r.out().contains("infinity Rmax=? [ F \"goal2\" ]: Infinity in"), r.out());
        assertTrue(r.out().contains("end component {4, 5}"), r.out());
    }

    @Test
    void propertiesFileWithConstantsAndStateVariables(@TempDir Path dir) throws IOException {
        Path tra = external("prism_mdp_simple", "mdp_simple.tra");
        Path props = dir.resolve("p.props");
        Files.writeString(props, "// bounded reachability, PRISM's bounded-reach test values\n"
                + "const int k = 4;\n"
                + "label \"target\" = t=1;\n"
                + "\"four\": Pmax=? [ F<=k \"target\" ]\n"
                + "Pmin=?[ G<=k-1 t!=1 ]\n"
                + "Rmax=? [ F t>0 ]\n");
        CliTest.Run r = CliTest.run("solve", tra.toString(), "--properties", props.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        List<Double> v = initialValues(r);
        assertEquals(List.of(0.4, 0.7, 3.0), v.stream().map(x -> Math.round(x * 1e9) / 1e9).toList());
        assertTrue(r.out().contains("\"name\":\"four\""), r.out());
        // errors name file, line and column
        Files.writeString(props, "const int k = 4;\nPmax=? [ F<=j t=1 ]\n");
        r = CliTest.run("solve", tra.toString(), "--properties", props.toString());
        assertEquals(SparseMdpCli.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("p.props:2:13: unknown constant 'j'"), r.err());
    }

    @Test
    void malformedAndUnsupportedProperties() {
        Path robot = external("prism_robot", "robot.tra");
        CliTest.Run r = CliTest.run("solve", robot.toString(), "--property", "Pmax=? [ F \"goal1\" & ]");
        assertEquals(SparseMdpCli.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("column 22: expected a state formula"), r.err());
        r = CliTest.run("solve", robot.toString(), "--property", "S=? [ \"goal1\" ]");
        assertEquals(SparseMdpCli.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("LRAmax=? [ φ ]"), r.err());
        r = CliTest.run("solve", robot.toString(), "--property", "Pmax=? [ F \"nowhere\" ]");
        assertEquals(SparseMdpCli.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("unknown label \"nowhere\""), r.err());
    }

    @Test
    void discountOneDefaultsToTotalRewardWithItsReason() {
        Path robot = external("prism_robot", "robot.tra");
        CliTest.Run r = CliTest.run("solve", robot.toString(), "--reward-structure", "move", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(1 + 0.1 + 0.1 / 0.6, initialValues(r).get(0), 1e-6);
        assertTrue(r.out().contains("ii-cumulative-min"), r.out());
        // "time" pays 1 per step also on the absorbing self-loops: Infinity, and the reason in one line
        r = CliTest.run("solve", robot.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("initial  state 0: value Infinity"), r.out());
        Matcher m = Pattern.compile("(?m)^infinity .*$").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertTrue(m.group().contains("end component {2}") && m.group().contains("Ask instead"), m.group());
        r = CliTest.run("solve", robot.toString(), "--json");
        assertTrue(r.out().contains("\"infinity\":\"Infinity in 6 of 6 states"), r.out());
        // leader4: Storm's transition rewards found beside the model (leader4.trans.rew): R[C] = 30/7
        Path leader = external("storm_leader4", "leader4.tra");
        r = CliTest.run("solve", leader.toString(), "--json", "-e", "1e-8");
        assertEquals(30.0 / 7, initialValues(r).get(0), 1e-6);
        r = CliTest.run("solve", leader.toString(), "--until", "elected", "--objective", "max", "--json", "-e", "1e-8");
        assertEquals(30.0 / 7, initialValues(r).get(0), 1e-6);
    }

    @Test
    void missingRewardFilesAreAnErrorNotZero(@TempDir Path dir) throws IOException {
        Path src = external("storm_leader4", "leader4.tra");
        Path tra = dir.resolve("leader4.tra");
        Files.copy(src, tra);
        Files.copy(src.resolveSibling("leader4.lab"), dir.resolve("leader4.lab"));
        for (String[] args : List.of(new String[] {"--until", "elected"}, new String[] {"--cumulative"},
                new String[] {"--property", "Rmin=? [ F \"elected\" ]"}, new String[0])) {
            List<String> all = new ArrayList<>(List.of("solve", tra.toString()));
            all.addAll(List.of(args));
            CliTest.Run r = CliTest.run(all.toArray(new String[0]));
            assertEquals(SparseMdpCli.EXIT_BAD_INPUT, r.code(), String.join(" ", args) + ": " + r.out());
            assertTrue(r.err().contains("needs a reward structure, but the model has none"), r.err());
        }
        // probabilities need no rewards
        CliTest.Run r = CliTest.run("solve", tra.toString(), "--property", "Pmin=? [ F<=25 \"elected\" ]", "--json");
        assertEquals(1.0 / 16, initialValues(r).get(0), 1e-12);
    }

    @Test
    void strategyExportPerStepForBoundedProperties(@TempDir Path dir) throws IOException {
        Path tra = external("prism_mdp_simple", "mdp_simple.tra");
        Path strat = dir.resolve("s.txt");
        CliTest.Run r = CliTest.run("solve", tra.toString(), "--property", "Pmax=? [ F<=2 t=1 ]", "--export-strategy",
                strat.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(strat);
        assertTrue(lines.stream().allMatch(l -> l.matches("[0-9]+ \\{[12]\\}=.+")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("0 {2}=")) && lines.stream().anyMatch(l -> l.startsWith("0 {1}=")),
                lines.toString());
        // Storm's JSON scheduler (by the .json suffix): one object per state and memory (steps taken)
        Path json = dir.resolve("s.json");
        r = CliTest.run("solve", tra.toString(), "--property", "Pmax=? [ F<=2 t=1 ]", "--export-strategy", json.toString());
        assertEquals(0, r.code(), r.err());
        String text = Files.readString(json).strip();
        assertTrue(text.startsWith("[") && text.endsWith("]"), text);
        assertEquals(20, Pattern.compile("\\{\"s\":[0-9]+,\"m\":[01],\"c\":").matcher(text).results().count(), text);
        assertTrue(text.contains("\"memory-updates\":[{\"s'\":"), text);
        r = CliTest.run("solve", tra.toString(), "--property", "Pmax=? [ F t=1 ]", "--export-strategy", strat.toString());
        assertEquals(0, r.code(), r.err());
        lines = Files.readAllLines(strat);
        assertTrue(!lines.isEmpty() && lines.stream().allMatch(l -> l.matches("[0-9]+:.+")), lines.toString());
        r = CliTest.run("solve", tra.toString(), "--property", "Pmax=? [ F t=1 ]", "--property", "Pmin=? [ F t=1 ]",
                "--export-strategy", strat.toString());
        assertEquals(SparseMdpCli.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("one property"), r.err());
    }
}
