package org.sparsemdp.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparsemdp.model.Mdp;

/**
 * Reads observation maps: CSV with header {@code state,observation} (columns in any order,
 * case-insensitive, fields trimmed, RFC 4180 quotes, blank lines ignored), one row per state, as
 * written by {@code sparsemdp generate substation --observations}. Observations are arbitrary
 * text compared exactly after trimming ({@code 3} and {@code 03} differ); they are numbered
 * 0, 1, ... in order of first appearance. Every non-terminal state needs a row; terminal states
 * may be omitted (they get observation −1; a terminal state has no choices, so its observation
 * does not matter).
 *
 * <p>Every problem is a {@link ModelFormatException} starting {@code file:line:}: missing or
 * unknown column, wrong number of fields, bad or out-of-range state, a state given twice, a
 * missing non-terminal state.
 */
public final class ObservationCsv {
    private ObservationCsv() {
    }

    /** Reads the observation of every state of {@code mdp} from {@code path} (gzip if {@code *.gz}). */
    public static int[] read(Path path, Mdp mdp) throws IOException {
        try (InputStream in = Compression.open(path)) {
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), path.toString(), mdp);
        }
    }

    /** Reads an observation map; {@code source} names the input in messages. The reader is not closed. */
    public static int[] read(Reader reader, String source, Mdp mdp) throws IOException {
        BoundedLineReader in = new BoundedLineReader(reader, source);
        List<String> fields = new ArrayList<>();
        String line;
        long lineNo = 0;
        int stateCol = -1;
        int obsCol = -1;
        int columns = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            PolicyCsv.split(line, source, lineNo, fields);
            columns = fields.size();
            for (int i = 0; i < columns; i++) {
                String name = fields.get(i).trim().toLowerCase(Locale.ROOT);
                if (name.equals("state") && stateCol < 0) {
                    stateCol = i;
                } else if (name.equals("observation") && obsCol < 0) {
                    obsCol = i;
                } else {
                    throw new ModelFormatException(source, lineNo, "unexpected column '" + fields.get(i).trim()
                            + "'; an observation file has the header state,observation");
                }
            }
            break;
        }
        if (stateCol < 0 || obsCol < 0) {
            if (lineNo == 0) {
                throw ModelFormatException.inFile(source, "empty file: expected a header state,observation");
            }
            throw new ModelFormatException(source, lineNo, "header must name the columns state and observation");
        }
        int n = mdp.numStates();
        int[] obs = new int[n];
        Arrays.fill(obs, -1);
        long[] seenOn = new long[n];
        Map<String, Integer> ids = new HashMap<>();
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            PolicyCsv.split(line, source, lineNo, fields);
            if (fields.size() != columns) {
                throw new ModelFormatException(source, lineNo, "expected " + columns + " fields, found " + fields.size());
            }
            int s = CsvFields.state(fields.get(stateCol).trim(), n, source, lineNo);
            if (seenOn[s] != 0) {
                throw new ModelFormatException(source, lineNo, "state " + s + " appears again (first on line "
                        + seenOn[s] + ")");
            }
            seenOn[s] = lineNo;
            String o = fields.get(obsCol).trim();
            if (o.isEmpty()) {
                throw new ModelFormatException(source, lineNo, "state " + s + " has an empty observation");
            }
            Integer id = ids.get(o);
            if (id == null) {
                id = ids.size();
                ids.put(o, id);
            }
            obs[s] = id;
        }
        for (int s = 0; s < n; s++) {
            if (seenOn[s] == 0 && !mdp.isTerminal(s)) {
                throw ModelFormatException.inFile(source, "state " + s + " has no observation (every non-terminal"
                        + " state needs a row)");
            }
        }
        return obs;
    }
}
