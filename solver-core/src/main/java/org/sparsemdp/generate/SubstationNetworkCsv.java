package org.sparsemdp.generate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sparsemdp.io.Compression;
import org.sparsemdp.io.CsvFields;
import org.sparsemdp.io.ModelFormatException;
import org.sparsemdp.io.PolicyCsv;

/**
 * Reads a radial distribution network for {@code generate substation --network}: CSV with header
 * {@code node,parent,distance,users} and optionally {@code prior} (columns in any order,
 * case-insensitive, fields trimmed, blank lines and lines starting with {@code #} ignored), one
 * row per substation 1..N in any order: its parent (0 = the source), the travel distance from the
 * parent, its users and, if the column is present, the prior probability of the fault there
 * (otherwise uniform).
 *
 * <p>Every problem is a {@link ModelFormatException} starting {@code file:line:} (or {@code file:}
 * for the file as a whole): missing or unknown column, wrong number of fields, a bad number, a
 * node out of range 1..N or given twice, more than {@link RadialNetwork#MAX_SUBSTATIONS} rows, and
 * parents that do not form a tree below the source.
 *
 * <p>(Until 0.1 this class was {@code org.sparsemdp.io.SubstationNetworkCsv}; it moved beside the
 * generator it feeds so that {@code io} does not depend on {@code generate}.)
 */
public final class SubstationNetworkCsv {
    private static final String[] COLUMNS = {"node", "parent", "distance", "users", "prior"};

    /** The network read, the users per substation (index i − 1) and the prior (index i − 1; uniform if absent). */
    public record Network(RadialNetwork network, double[] users, double[] prior) {
    }

    private SubstationNetworkCsv() {
    }

    /** Reads {@code path} (gzip if compressed). */
    public static Network read(Path path) throws IOException {
        try (InputStream in = Compression.open(path)) {
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), path.toString());
        }
    }

    /** Reads a network; {@code source} names the input in messages. The reader is not closed. */
    public static Network read(Reader reader, String source) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<String> fields = new ArrayList<>();
        int[] column = {-1, -1, -1, -1, -1};
        String line;
        long lineNo = 0;
        int columns = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (skip(line)) {
                continue;
            }
            PolicyCsv.split(line, source, lineNo, fields);
            columns = fields.size();
            for (int i = 0; i < columns; i++) {
                String name = fields.get(i).trim().toLowerCase(Locale.ROOT);
                int k = List.of(COLUMNS).indexOf(name);
                if (k < 0 || column[k] >= 0) {
                    throw new ModelFormatException(source, lineNo, "unexpected column '" + fields.get(i).trim()
                            + "'; a network file has the header node,parent,distance,users[,prior]");
                }
                column[k] = i;
            }
            break;
        }
        for (int k = 0; k < 4; k++) {
            if (column[k] < 0) {
                throw lineNo == 0 ? ModelFormatException.inFile(source, "empty file: expected a header"
                        + " node,parent,distance,users[,prior]")
                        : new ModelFormatException(source, lineNo, "header lacks the column " + COLUMNS[k]);
            }
        }
        List<double[]> rows = new ArrayList<>();
        List<Long> rowLines = new ArrayList<>();
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (skip(line)) {
                continue;
            }
            PolicyCsv.split(line, source, lineNo, fields);
            if (fields.size() != columns) {
                throw new ModelFormatException(source, lineNo, "expected " + columns + " fields, found " + fields.size());
            }
            if (rows.size() == RadialNetwork.MAX_SUBSTATIONS) {
                throw new ModelFormatException(source, lineNo, "more than " + RadialNetwork.MAX_SUBSTATIONS
                        + " substations");
            }
            double[] row = new double[5];
            for (int k = 0; k < 5; k++) {
                if (column[k] >= 0) {
                    row[k] = CsvFields.finite(fields.get(column[k]).trim(), COLUMNS[k], source, lineNo);
                }
            }
            rows.add(row);
            rowLines.add(lineNo);
        }
        int n = rows.size();
        if (n == 0) {
            throw ModelFormatException.inFile(source, "no substations after the header");
        }
        int[] parents = new int[n];
        double[] distances = new double[n];
        double[] users = new double[n];
        double[] prior = new double[n];
        long[] seenOn = new long[n + 1];
        for (int r = 0; r < n; r++) {
            double[] row = rows.get(r);
            long at = rowLines.get(r);
            int node = integer(row[0], "node", 1, n, source, at);
            if (seenOn[node] != 0) {
                throw new ModelFormatException(source, at, "node " + node + " appears again (first on line "
                        + seenOn[node] + ")");
            }
            seenOn[node] = at;
            parents[node - 1] = integer(row[1], "parent", 0, n, source, at);
            distances[node - 1] = row[2];
            users[node - 1] = row[3];
            prior[node - 1] = column[4] >= 0 ? row[4] : 1.0 / n;
        }
        try {
            return new Network(new RadialNetwork(parents, distances), users, prior);
        } catch (IllegalArgumentException e) {
            throw ModelFormatException.inFile(source, e.getMessage());
        }
    }

    private static boolean skip(String line) {
        String t = line.trim();
        return t.isEmpty() || t.startsWith("#");
    }

    private static int integer(double x, String what, int lo, int hi, String source, long line)
            throws ModelFormatException {
        if (x != Math.rint(x) || x < lo || x > hi) {
            throw new ModelFormatException(source, line, what + " " + x + " must be an integer in " + lo + ".." + hi);
        }
        return (int) x;
    }
}
