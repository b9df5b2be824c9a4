package org.sparsemdp.io.cassandra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.sparsemdp.io.Compression;
import org.sparsemdp.io.LineCensus;
import org.sparsemdp.io.LineScanner;
import org.sparsemdp.model.InvalidModelException;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;

/**
 * Reads Cassandra's MDP/POMDP text format, the input format of pomdp-solve (A. R. Cassandra,
 * "POMDP file format", pomdp.org/code/pomdp-file-spec.html, and the grammar {@code parser.y} of
 * pomdp-solve), as an {@link Mdp}.
 *
 * <p>Supported: the preamble {@code discount:}, {@code values: reward|cost}, {@code states:},
 * {@code actions:} (a count or a list of names), {@code observations:}; {@code start:} as a
 * distribution, {@code uniform}, a state number or name, {@code start include:} and
 * {@code start exclude:} lists; {@code T:} entries, rows ({@code uniform}, {@code reset}, or S
 * probabilities) and matrices ({@code uniform}, {@code identity}, or S×S probabilities) with
 * {@code *} wildcards; {@code R:} in its MDP forms ({@code R: a : s : s' r}, a row of S values,
 * a matrix of S×S values) and its POMDP forms ({@code R: a : s : s' : o r} and the vector and
 * matrix forms over observations). Tokens may be split over lines freely; {@code #} starts a
 * comment.
 *
 * <p>Semantics, as in pomdp-solve: later entries overwrite earlier ones (the model is defined only
 * by the whole file, so entries are buffered sparsely — see {@link TransitionTable} and
 * {@link RewardTable}); every state-action row must sum to 1 within {@value #ROW_TOLERANCE} and
 * is then renormalised; r(s, a) = Σ<sub>s'</sub> T(s, a, s')·R(a, s, s'); {@code values: cost}
 * gives {@link Objective#MINIMIZE} and {@code reward} {@link Objective#MAXIMIZE}; the discount
 * becomes the model's discount (it must be in (0, 1]). Every state has every action. The initial
 * states are the support of the start distribution (all states when {@code start:} is absent).
 *
 * <p>A POMDP file ({@code observations:} in the preamble) is read as its underlying MDP only when
 * the caller asks for it ({@code underlyingMdpOfPomdp}); its {@code O:} statements are then
 * checked for syntax and discarded. Rewards that depend on the observation cannot be folded
 * without the observation model and are rejected.
 */
public final class CassandraReader {
    /** Tolerance on |Σ p − 1| of a row, the EPSILON of pomdp-solve. */
    public static final double ROW_TOLERANCE = 1e-5;

    /** Counts lines that start with {@code T} (class 0): in a machine-written file, one per transition. */
    private static final LineCensus CENSUS = new LineCensus(null, "T");

    private final CassandraTokens in;
    private final String source;
    private final boolean allowPomdp;
    private final long expectedEntries;

    private CassandraReader(InputStream stream, String source, boolean allowPomdp, long expectedEntries) {
        this.in = new CassandraTokens(new LineScanner(stream, source).commentChar('#').separators(":"));
        this.source = source;
        this.allowPomdp = allowPomdp;
        this.expectedEntries = expectedEntries;
    }

    /** Reads an MDP file (gzip/xz detected); a POMDP file is an error. */
    public static Mdp read(Path path) throws IOException {
        return read(path, false);
    }

    /**
     * Reads {@code path}. A regular file is read twice (a compressed one decompressed twice): a
     * {@link LineCensus} first counts its lines that start with {@code T}, which in a
     * machine-written file is the number of transitions, so that a file listing its entries in the
     * model's order is read into arrays allocated once at their final size.
     *
     * @param underlyingMdpOfPomdp whether a POMDP file may be read as its underlying MDP
     */
    public static Mdp read(Path path, boolean underlyingMdpOfPomdp) throws IOException {
        long[] census = CENSUS.ofFile(path);
        try (InputStream stream = Compression.open(path)) {
            return new CassandraReader(stream, path.toString(), underlyingMdpOfPomdp, census == null ? -1 : census[0])
                    .parse();
        }
    }

    /** Reads from {@code stream} ({@code source} names it in errors); does not close it. */
    public static Mdp read(InputStream stream, String source, boolean underlyingMdpOfPomdp) throws IOException {
        return new CassandraReader(stream, source, underlyingMdpOfPomdp, -1).parse();
    }

    private Mdp parse() throws IOException {
        try {
            CassandraHeader header = CassandraHeader.read(in, source, allowPomdp);
            CassandraStatements statements = new CassandraStatements(in, header, expectedEntries);
            while (in.hasNext()) {
                statements.parseStatement();
            }
            CassandraModelBuilder builder = statements.builder(source);
            statements = null; // the builder owns the tables now and releases them as soon as it can
            return builder.build(header.objective, header.discount, header::initialStates, header.actionLabels);
        } catch (InvalidModelException e) {
            throw in.error(e.getMessage());
        }
    }
}
