package org.sparsemdp.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small CSV file read whole: a header and rows of fields with their line numbers (RFC 4180
 * quotes, fields trimmed, blank lines ignored, header names lower-cased). For the CLI's small
 * side files (parameters, traces); problems are {@link ModelFormatException}s naming file and line.
 *
 * @param source     the file name, for messages
 * @param headerLine the line number of the header
 * @param header  the column names, lower case
 * @param rows    the data rows, each with {@code header.size()} fields
 * @param lines   the line number of each row
 */
public record CsvTable(String source, long headerLine, List<String> header, List<List<String>> rows, List<Long> lines) {
    /**
     * Reads {@code path} (gzip/xz by content); every row must have as many fields as the header.
     *
     * @param maxRows refuse files with more data rows than this (a clear error, not an OOM)
     */
    public static CsvTable read(Path path, long maxRows) throws IOException {
        String source = path.toString();
        try (InputStream raw = Compression.open(path);
             BufferedReader in = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8))) {
            List<String> header = null;
            long headerLine = 0;
            List<List<String>> rows = new ArrayList<>();
            List<Long> lines = new ArrayList<>();
            String line;
            long lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields = new ArrayList<>();
                PolicyCsv.split(line, source, lineNo, fields);
                fields.replaceAll(String::trim);
                if (header == null) {
                    fields.replaceAll(f -> f.toLowerCase(Locale.ROOT));
                    header = List.copyOf(fields);
                    headerLine = lineNo;
                    continue;
                }
                if (fields.size() != header.size()) {
                    throw new ModelFormatException(source, lineNo, "expected " + header.size() + " fields, found "
                            + fields.size());
                }
                if (rows.size() >= maxRows) {
                    throw new ModelFormatException(source, lineNo, "more than " + maxRows + " rows");
                }
                rows.add(fields);
                lines.add(lineNo);
            }
            if (header == null) {
                throw ModelFormatException.inFile(source, "empty file: expected a header");
            }
            return new CsvTable(source, headerLine, header, rows, lines);
        }
    }

    /** Throws unless the header is exactly {@code expected} (in this order). */
    public void requireHeader(String... expected) throws ModelFormatException {
        if (!header.equals(List.of(expected))) {
            throw new ModelFormatException(source, headerLine, "expected the header "
                    + String.join(",", expected) + ", found " + String.join(",", header));
        }
    }

    /** A finite number in field {@code column} of row {@code r}. */
    public double number(int r, int column) throws ModelFormatException {
        return CsvFields.finite(rows.get(r).get(column), header.get(column), source, lines.get(r));
    }

    /** An error about row {@code r}. */
    public ModelFormatException error(int r, String problem) {
        return new ModelFormatException(source, lines.get(r), problem);
    }
}
