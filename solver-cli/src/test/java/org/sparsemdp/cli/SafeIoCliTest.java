package org.sparsemdp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemdp.io.Compression;
import org.sparsemdp.io.ModelFormatException;

/** Safe input and output on the command line (issue 19): streams, special files, links, exit codes. */
class SafeIoCliTest {
    private static final Path INVENTORY = Path.of("../datasets/inventory/inventory.mdp");
    /** The optimal value of the inventory model's initial state, 1290/49 (README, exact by hand). */
    private static final double INVENTORY_VALUE = 1290.0 / 49;

    @AfterEach
    void restoreStdin() {
        ModelFiles.stdin = System.in;
    }

    private static double initialValue(CliTest.Run r) {
        String json = r.out().trim();
        int i = json.indexOf("\"initialValue\":") + "\"initialValue\":".length();
        int j = i;
        while (j < json.length() && ",}".indexOf(json.charAt(j)) < 0) {
            j++;
        }
        return Double.parseDouble(json.substring(i, j));
    }

    private static boolean isLinux() {
        return System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux");
    }

    private static Path mkfifo(Path p) throws IOException, InterruptedException {
        assumeTrue(isLinux(), "FIFOs are made with mkfifo");
        Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assumeTrue(mk.waitFor() == 0, "mkfifo");
        return p;
    }

    @Test
    void standardInputIsReadAsAStreamWithTheFormatFromItsContent() throws IOException {
        byte[] model = Files.readAllBytes(INVENTORY);
        for (String compress : new String[] {"plain", "x.gz", "x.xz"}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (OutputStream out = Compression.compressing(bytes, compress)) {
                out.write(model);
            }
            ModelFiles.stdin = new ByteArrayInputStream(bytes.toByteArray());
            CliTest.Run r = CliTest.run("solve", "-", "--json", "--epsilon", "1e-9");
            assertEquals(0, r.code(), compress + ": " + r.err());
            assertEquals(INVENTORY_VALUE, initialValue(r), 1e-8, compress);
        }
        ModelFiles.stdin = new ByteArrayInputStream(model);
        CliTest.Run r = CliTest.run("solve", "-", "--format", "mdp", "--json", "--epsilon", "1e-9");
        assertEquals(INVENTORY_VALUE, initialValue(r), 1e-8);
        ModelFiles.stdin = new ByteArrayInputStream("hello world\n".getBytes(StandardCharsets.US_ASCII));
        r = CliTest.run("solve", "-");
        assertEquals(SparseMdpCli.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("<stdin>: cannot tell the model format"), r.err());
    }

    @Test
    void aUmbArchiveOnStandardInputKeepsItsLabelsAndRewards(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        // two Knuth-Yao dice (datasets/dice): P[F sum7] = 1/6, expected flips 22/3, as published
        Path umb = dir.resolve("dice.umb");
        assertEquals(0, CliTest.run("convert", "../datasets/dice/two_dice.drn", umb.toString()).code());
        ModelFiles.stdin = new ByteArrayInputStream(Files.readAllBytes(umb));
        CliTest.Run r = CliTest.run("solve", "-", "--reach", "sum7", "--json", "--epsilon", "1e-9");
        assertEquals(0, r.code(), r.err());
        assertEquals(1.0 / 6, initialValue(r), 1e-8);
        ModelFiles.stdin = new ByteArrayInputStream(Files.readAllBytes(umb));
        r = CliTest.run("solve", "-", "--property", "R{\"flips\"}=? [ F \"done\" ]", "--json", "--epsilon", "1e-9");
        assertEquals(0, r.code(), r.err());
        assertEquals(22.0 / 3, initialValue(r), 1e-8);
    }

    @Test
    void theContentTellsEveryWritableFormat(@TempDir Path dir) throws IOException {
        Path forest = Path.of("../datasets/forest/forest.mdp"); // the same actions in every state, as Cassandra needs
        for (String ext : new String[] {"mdp", "drn", "umb", "cassandra"}) {
            Path out = dir.resolve("m." + ext);
            CliTest.Run r = ext.equals("drn") // DRN holds neither discount nor objective
                    ? CliTest.run("convert", forest.toString(), out.toString(), "--drop", "discount,objective")
                    : CliTest.run("convert", forest.toString(), out.toString());
            assertEquals(0, r.code(), r.err());
            byte[] head = Arrays16.head(out);
            assertEquals(ext, ModelFiles.byContent(head).name());
            // a name that tells nothing: the content decides
            Path anonymous = dir.resolve("model-" + ext + ".data");
            Files.copy(out, anonymous);
            // DRN has no discount factor or objective: give the model's own
            r = CliTest.run("solve", anonymous.toString(), "--json", "--epsilon", "1e-9", "--discount", "0.9",
                    "--objective", "max");
            assertEquals(0, r.code(), ext + ": " + r.err());
            assertTrue(r.out().contains("\"states\":3"), r.out());
            assertEquals(org.sparsemdp.testing.SeedModels.FOREST_OPTIMAL[0], initialValue(r), 1e-7, ext);
        }
        byte[] tra = "3 4 6\n0 0 1 1\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals("prism", ModelFiles.byContent(tra).name());
        byte[] pomdp = "# pomdp\ndiscount: 0.9\nvalues: reward\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals("cassandra", ModelFiles.byContent(pomdp).name());
    }

    /** Reads the first bytes of a decompressed file. */
    private static final class Arrays16 {
        static byte[] head(Path p) throws IOException {
            try (InputStream in = Compression.open(p)) {
                return in.readNBytes(4096);
            }
        }
    }

    @Test
    void aUtf8ByteOrderMarkIsNotTakenForCassandraAndUtf16IsAClearError(@TempDir Path dir) throws IOException {
        Path bom = dir.resolve("bom.mdp");
        byte[] model = Files.readAllBytes(INVENTORY);
        byte[] withBom = new byte[model.length + 3];
        withBom[0] = (byte) 0xef;
        withBom[1] = (byte) 0xbb;
        withBom[2] = (byte) 0xbf;
        System.arraycopy(model, 0, withBom, 3, model.length);
        Files.write(bom, withBom);
        CliTest.Run r = CliTest.run("solve", bom.toString(), "--json", "--epsilon", "1e-9");
        assertEquals(0, r.code(), r.err());
        assertEquals(INVENTORY_VALUE, initialValue(r), 1e-8);
        Path utf16 = dir.resolve("wide.mdp");
        Files.write(utf16, new String(model, StandardCharsets.US_ASCII).getBytes(StandardCharsets.UTF_16));
        r = CliTest.run("solve", utf16.toString());
        assertEquals(SparseMdpCli.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("wide.mdp:1: the file is UTF-16"), r.err());
        assertFalse(r.err().toLowerCase(java.util.Locale.ROOT).contains("cassandra"), r.err());
    }

    @Test
    void aFifoIsReadOnceAsAStream(@TempDir Path dir) throws Exception {
        Path fifo = mkfifo(dir.resolve("model.mdp"));
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<Long> written = writer.submit(() -> {
                try (OutputStream out = Files.newOutputStream(fifo)) {
                    return Files.copy(INVENTORY, out);
                }
            });
            CliTest.Run r = CliTest.run("solve", fifo.toString(), "--json", "--epsilon", "1e-9");
            assertEquals(0, r.code(), r.err());
            assertEquals(INVENTORY_VALUE, initialValue(r), 1e-8);
            assertEquals(Files.size(INVENTORY), written.get(10, TimeUnit.SECONDS));
        } finally {
            writer.shutdownNow();
        }
    }

    @Test
    void devZeroEndsInALineError() {
        assumeTrue(Files.exists(Path.of("/dev/zero")));
        for (String format : new String[] {"mdp", "drn", "cassandra", "prism"}) {
            CliTest.Run r = CliTest.run("info", "/dev/zero", "--format", format);
            assertEquals(SparseMdpCli.EXIT_BAD_INPUT, r.code(), format);
            assertTrue(r.err().startsWith("sparsemdp: /dev/zero:1: "), format + ": " + r.err());
        }
        CliTest.Run r = CliTest.run("evaluate", INVENTORY.toString(), "--policy", "/dev/zero");
        assertEquals(SparseMdpCli.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("/dev/zero:1: line longer than"), r.err());
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        String model = INVENTORY.toString();
        List<List<String>> cases = List.of(List.of("--epsilon", "-1"), List.of("--epsilon", "NaN"),
                List.of("--discount", "1.5"), List.of("--discount", "0"), List.of("--threads", "0"),
                List.of("--threads", "99999999"), List.of("--time-limit", "NaN"), List.of("--time-limit", "-2"),
                List.of("--time-limit", "Infinity"), List.of("--max-iterations", "0"), List.of("--method", "nosuch"),
                List.of("--omega", "2"), List.of("--reorder", "zigzag"), List.of("--format", "nosuch"),
                List.of("--objective", "sideways"), List.of("--show", "-1"));
        for (List<String> c : cases) {
            CliTest.Run r = CliTest.run("solve", model, c.get(0), c.get(1));
            assertEquals(SparseMdpCli.EXIT_USAGE, r.code(), c + ": " + r.err());
            assertTrue(r.err().contains("'" + c.get(0) + "'"), c + ": " + r.err());
            assertFalse(r.err().contains("PT0S"), r.err());
        }
        CliTest.Run r = CliTest.run("evaluate", model, "--policy", model, "--krylov", "nosuch");
        assertEquals(SparseMdpCli.EXIT_USAGE, r.code(), r.err());
        r = CliTest.run("solve", model, "--omega", "1.5");
        assertEquals(SparseMdpCli.EXIT_USAGE, r.code(), "--omega without --method sor: " + r.err());
        r = CliTest.run("solve", model, "--threads", "2", "--time-limit", "100", "--json");
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void theOutputIsNeverTheInputEvenThroughLinks(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("m.mdp");
        Files.copy(INVENTORY, model);
        byte[] before = Files.readAllBytes(model);
        Path symlink = Files.createSymbolicLink(dir.resolve("link.csv"), model.getFileName());
        Path hardlink = Files.createLink(dir.resolve("hard.mdp"), model);
        for (String[] args : new String[][] {{"solve", model.toString(), "--output", model.toString()},
                {"solve", model.toString(), "-o", symlink.toString()},
                {"solve", hardlink.toString(), "-o", model.toString()},
                {"convert", model.toString(), hardlink.toString()},
                {"evaluate", model.toString(), "--policy", model.toString(), "--occupancy", model.toString()}}) {
            CliTest.Run r = CliTest.run(args);
            assertEquals(SparseMdpCli.EXIT_USAGE, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().contains("refusing to overwrite an input"), r.err());
            assertArrayEquals(before, Files.readAllBytes(model));
        }
    }

    @Test
    void devicesAndFifosAreWrittenThroughAndLinksFollowed(@TempDir Path dir) throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/null")));
        CliTest.Run r = CliTest.run("solve", INVENTORY.toString(), "-o", "/dev/null");
        assertEquals(0, r.code(), r.err());
        assertFalse(Files.isRegularFile(Path.of("/dev/null")));
        Path fifo = mkfifo(dir.resolve("values.csv"));
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            Future<String> read = reader.submit(() -> new String(Files.readAllBytes(fifo), StandardCharsets.UTF_8));
            r = CliTest.run("solve", INVENTORY.toString(), "-o", fifo.toString(), "--epsilon", "1e-9");
            assertEquals(0, r.code(), r.err());
            String csv = read.get(10, TimeUnit.SECONDS);
            assertTrue(csv.startsWith("state,value,action\n0,26.3265306"), csv);
            assertFalse(Files.isRegularFile(fifo), "the FIFO is still a FIFO");
        } finally {
            reader.shutdownNow();
        }
        Path target = dir.resolve("real.csv");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), target.getFileName());
        r = CliTest.run("solve", INVENTORY.toString(), "-o", link.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isSymbolicLink(link), "the link stays");
        assertTrue(Files.readString(target).startsWith("state,value,action\n"));
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void theOutputDirectoryIsCheckedBeforeTheModelIsRead(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("no/such/dir/v.csv");
        // the input does not exist either: the output is checked first
        CliTest.Run r = CliTest.run("solve", dir.resolve("absent.mdp").toString(), "-o", missing.toString());
        assertEquals(SparseMdpCli.EXIT_USAGE, r.code(), r.err());
        assertTrue(r.err().contains("the directory of " + missing + " does not exist"), r.err());
        r = CliTest.run("solve", INVENTORY.toString(), "-o", dir.toString());
        assertEquals(SparseMdpCli.EXIT_USAGE, r.code(), r.err());
        assertTrue(r.err().contains("is a directory"), r.err());
    }

    @Test
    void writeErrorsNameTheUsersPathNotTheTemporaryFile(@TempDir Path dir) {
        Path target = dir.resolve("gone/v.csv");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> out.write(1)));
        assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
        assertFalse(e.getMessage().contains(".tmp"), e.getMessage());
    }

    @Test
    void theShutdownHookDeletesTemporaryFilesBeingWritten(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("v.csv");
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService w = Executors.newSingleThreadExecutor();
        try {
            Future<?> f = w.submit(() -> {
                AtomicFiles.write(target, out -> {
                    out.write("partial".getBytes(StandardCharsets.US_ASCII));
                    writing.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                return null;
            });
            assertTrue(writing.await(10, TimeUnit.SECONDS));
            List<Path> temps;
            try (var files = Files.list(dir)) {
                temps = files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
            }
            assertEquals(1, temps.size());
            assertTrue(AtomicFiles.inFlight().contains(temps.get(0).toAbsolutePath())
                    || AtomicFiles.inFlight().contains(temps.get(0)), AtomicFiles.inFlight().toString());
            AtomicFiles.deleteInFlight(); // what the hook does on Ctrl-C / SIGTERM
            assertFalse(Files.exists(temps.get(0)));
            release.countDown();
            assertThrows(java.util.concurrent.ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
            assertFalse(Files.exists(target), "no partial output");
        } finally {
            w.shutdownNow();
        }
    }

    @Test
    void outOfMemoryAndHeapRefusalsHaveTheirOwnExitCodeAndMessage() {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        assertEquals(SparseMdpCli.EXIT_OUT_OF_MEMORY, CliErrors.exitCode(oom));
        assertEquals(SparseMdpCli.EXIT_OUT_OF_MEMORY, CliErrors.exitCode(new RuntimeException(oom)));
        assertTrue(CliErrors.describe(oom).contains("-Xmx"), CliErrors.describe(oom));
        ModelFormatException refusal = ModelFormatException.inFile("big.mdp",
                "storing 5 choices and 7 transitions needs 892 MiB, but only 236 MiB of heap are free");
        assertEquals(SparseMdpCli.EXIT_OUT_OF_MEMORY, CliErrors.exitCode(refusal));
        assertTrue(CliErrors.describe(refusal).contains("needs 892 MiB"), CliErrors.describe(refusal));
        assertTrue(CliErrors.describe(refusal).contains("-Xmx"), CliErrors.describe(refusal));
        assertEquals(SparseMdpCli.EXIT_BAD_INPUT, CliErrors.exitCode(new ModelFormatException("m.mdp", 3, "bad")));
    }

    @Test
    void aModelLargerThanTheHeapExitsWithCodeFourAndTheHeapNeeded(@TempDir Path dir) throws Exception {
        assumeTrue(isLinux(), "a sparse file");
        Path big = dir.resolve("big.mdp");
        // 512 MB (sparse: no disk used) declaring 20M choices and 60M transitions, which the file can hold
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.write("mdp 1\nstates 1000\nchoices 20000000\ntransitions 60000000\nobjective min\n0 a 0 0:1\n"
                    .getBytes(StandardCharsets.US_ASCII));
            f.setLength(512L << 20);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                SparseMdpCli.class.getName(), "info", big.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(SparseMdpCli.EXIT_OUT_OF_MEMORY, p.exitValue(), output);
        long needed = (20_000_000L * 20 + 60_000_000L * 12) >> 20;
        assertTrue(output.contains("needs " + needed + " MiB"), output);
        assertTrue(output.contains("-Xmx"), output);
        assertFalse(output.contains("\tat "), "no stack trace: " + output);
    }
}
