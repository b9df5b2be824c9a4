package org.sparsemdp.bench.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the JSON that JMH writes with {@code -rf json -rff FILE}. */
public final class JmhJson {
    private JmhJson() {
    }

    /**
     * Parses a JMH result file.
     *
     * @throws IOException if the file cannot be read or is not JMH's JSON (the message names the
     *                     file and, for a missing field, the benchmark)
     */
    public static List<JmhResult> read(Path file) throws IOException {
        JsonElement root;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(r);
        } catch (JsonParseException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        if (!root.isJsonArray()) {
            throw new IOException(file + ": expected a JSON array of JMH results (run JMH with -rf json)");
        }
        List<JmhResult> results = new ArrayList<>();
        int index = 0;
        for (JsonElement e : root.getAsJsonArray()) {
            index++;
            try {
                results.add(result(e.getAsJsonObject(), String.valueOf(file.getFileName())));
            } catch (RuntimeException ex) {
                throw new IOException(file + ": result " + index + " is not a JMH result: " + ex.getMessage(), ex);
            }
        }
        return results;
    }

    /** Parses every file, in order, into one list. */
    public static List<JmhResult> readAll(List<Path> files) throws IOException {
        List<JmhResult> all = new ArrayList<>();
        for (Path f : files) {
            all.addAll(read(f));
        }
        return all;
    }

    private static JmhResult result(JsonObject o, String source) {
        String benchmark = required(o, "benchmark").getAsString();
        String mode = required(o, "mode").getAsString();
        int threads = o.has("threads") ? o.get("threads").getAsInt() : 1;
        Map<String, String> params = new LinkedHashMap<>();
        if (o.has("params") && o.get("params").isJsonObject()) {
            for (Map.Entry<String, JsonElement> p : o.getAsJsonObject("params").entrySet()) {
                params.put(p.getKey(), p.getValue().getAsString());
            }
        }
        JmhResult.Metric primary = metric(required(o, "primaryMetric").getAsJsonObject());
        Map<String, JmhResult.Metric> secondary = new LinkedHashMap<>();
        if (o.has("secondaryMetrics") && o.get("secondaryMetrics").isJsonObject()) {
            for (Map.Entry<String, JsonElement> m : o.getAsJsonObject("secondaryMetrics").entrySet()) {
                secondary.put(m.getKey(), metric(m.getValue().getAsJsonObject()));
            }
        }
        String jvm = (o.has("vmName") ? o.get("vmName").getAsString() : "") + " "
                + (o.has("vmVersion") ? o.get("vmVersion").getAsString() : "");
        List<String> jvmArgs = new ArrayList<>();
        if (o.has("jvmArgs") && o.get("jvmArgs").isJsonArray()) {
            for (JsonElement a : o.getAsJsonArray("jvmArgs")) {
                jvmArgs.add(a.getAsString());
            }
        }
        JmhResult.Run run = new JmhResult.Run(source, integer(o, "forks"), integer(o, "warmupIterations"),
                string(o, "warmupTime"), integer(o, "measurementIterations"), string(o, "measurementTime"),
                List.copyOf(jvmArgs));
        return new JmhResult(benchmark, mode, threads, params, primary, secondary, jvm.trim(), run);
    }

    private static int integer(JsonObject o, String field) {
        return o.has(field) && o.get(field).isJsonPrimitive() ? o.get(field).getAsInt() : 0;
    }

    private static String string(JsonObject o, String field) {
        return o.has(field) && o.get(field).isJsonPrimitive() ? o.get(field).getAsString() : "";
    }

    private static JmhResult.Metric metric(JsonObject m) {
        double score = number(required(m, "score"));
        double error = m.has("scoreError") ? number(m.get("scoreError")) : Double.NaN;
        return new JmhResult.Metric(score, error, required(m, "scoreUnit").getAsString());
    }

    /** JMH writes "NaN" as a string when there is no error estimate. */
    private static double number(JsonElement e) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            String s = e.getAsString();
            return s.equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(s);
        }
        return e.getAsDouble();
    }

    private static JsonElement required(JsonObject o, String field) {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            String name = o.has("benchmark") ? " of " + o.get("benchmark").getAsString() : "";
            throw new IllegalArgumentException("missing field '" + field + "'" + name);
        }
        return e;
    }
}
