package org.sparsemdp.io.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** JsonWriter's output read back by an independent parser (Jackson, strict). */
class JsonWriterTest {
    /** Jackson with its defaults: strict RFC 8259 (no NaN literals, no unescaped control characters). */
    private static final ObjectMapper JACKSON = JsonMapper.builder().build();

    private static JsonNode parse(String json) throws Exception {
        try (JsonParser p = JACKSON.createParser(json)) {
            JsonNode node = JACKSON.readTree(p);
            assertEquals(null, p.nextToken(), "one value only: " + json);
            return node;
        }
    }

    @Test
    void finiteDoublesReadBackBitForBit() throws Exception {
        List<Double> xs = new ArrayList<>(List.of(0.0, -0.0, 0.1, 1.0 / 3, 1290.0 / 49, 1e-9, 1e21, 1e22, 123456789012.0,
                Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, Math.nextUp(1.0),
                Math.PI * 1e-300));
        SplittableRandom rnd = new SplittableRandom(24);
        while (xs.size() < 2000) {
            double x = Double.longBitsToDouble(rnd.nextLong());
            if (Double.isFinite(x)) {
                xs.add(x);
            }
        }
        double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Locale saved = Locale.getDefault();
        String json;
        try {
            Locale.setDefault(Locale.GERMANY); // decimal comma in the locale: must not leak into JSON
            StringBuilder sb = new StringBuilder();
            JsonWriter.compact(sb).array(a, 0, a.length);
            json = sb.toString();
        } finally {
            Locale.setDefault(saved);
        }
        JsonNode node = parse(json);
        assertEquals(a.length, node.size());
        for (int i = 0; i < a.length; i++) {
            assertTrue(node.get(i).isNumber(), node.get(i).toString());
            assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(node.get(i).doubleValue()),
                    "element " + i + ": " + a[i] + " written as " + node.get(i));
        }
    }

    @Test
    void nonFiniteDoublesAreStrings() throws Exception {
        StringBuilder sb = new StringBuilder();
        JsonWriter.compact(sb).beginObject().field("inf", Double.POSITIVE_INFINITY)
                .field("minusInf", Double.NEGATIVE_INFINITY).field("nan", Double.NaN).endObject();
        JsonNode node = parse(sb.toString());
        assertEquals("Infinity", node.get("inf").textValue());
        assertEquals("-Infinity", node.get("minusInf").textValue());
        assertEquals("NaN", node.get("nan").textValue());
        assertEquals(Double.NEGATIVE_INFINITY, Double.parseDouble(node.get("minusInf").textValue()));
    }

    @Test
    void integersAndBooleans() throws Exception {
        JsonNode node = parse(JsonWriter.toJson(List.of(Long.MIN_VALUE, Long.MAX_VALUE, 0, -7, true, false)));
        assertEquals(Long.MIN_VALUE, node.get(0).longValue());
        assertEquals(Long.MAX_VALUE, node.get(1).longValue());
        assertTrue(node.get(2).isIntegralNumber() && node.get(3).intValue() == -7);
        assertTrue(node.get(4).booleanValue() && !node.get(5).booleanValue());
    }

    @Test
    void everyStringReadsBackUnchanged() throws Exception {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            all.append(c);
        }
        List<String> strings = List.of(all.toString(), "", "tab\tnew\nline\r\"quoted\" back\\slash /",
                "\u2028\u2029 line separators", "\u00e9t\u00e9 \u4e2d\u6587", "pair \ud83d\ude00 emoji",
                "lone high \ud800 x", "lone low \udc00 x", "high at end \udbff", "reversed \ude00\ud83d",
                "\u0000\u001f\u007f");
        StringBuilder sb = new StringBuilder();
        JsonWriter w = JsonWriter.compact(sb).beginObject();
        for (int i = 0; i < strings.size(); i++) {
            w.field("s" + i, strings.get(i));
        }
        w.field(all.toString(), "a name with every ASCII character").endObject();
        String json = sb.toString();
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            assertTrue(c >= 0x20 && c != 0x7f && c != '\u2028' && c != '\u2029', "raw U+" + Integer.toHexString(c));
        }
        // lone surrogates are escaped, so the text is valid UTF-16 and encodes to UTF-8 losslessly
        assertTrue(StandardCharsets.UTF_8.newEncoder().canEncode(json), json);
        assertTrue(json.contains("\\ud800") && json.contains("\\udc00") && json.contains("\ud83d\ude00"), json);
        JsonNode node = parse(json);
        for (int i = 0; i < strings.size(); i++) {
            assertEquals(strings.get(i), node.get("s" + i).textValue(), "string " + i);
        }
        assertEquals("a name with every ASCII character", node.get(all.toString()).textValue());
        assertTrue(json.contains("tab\\tnew\\nline\\r\\\"quoted\\\" back\\\\slash /"), json);
    }

    @Test
    void nestedValuesCompactAndPrettyParseAlike() throws Exception {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("empty", Map.of());
        inner.put("none", new ArrayList<>());
        inner.put("ints", new int[] {1, -1});
        inner.put("longs", new long[] {Long.MAX_VALUE});
        inner.put("doubles", new double[] {0.5, Double.NaN});
        inner.put("null", null);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", "x");
        root.put("inner", inner);
        root.put("list", List.of(1, "two", List.of(3.5), Map.of("k", false)));
        String compact = JsonWriter.toJson(root);
        StringBuilder pretty = new StringBuilder();
        JsonWriter.pretty(pretty).value(root);
        assertEquals(parse(compact), parse(pretty.toString()));
        assertEquals("{\"name\":\"x\",\"inner\":{\"empty\":{},\"none\":[],\"ints\":[1,-1],\"longs\":[9223372036854775807],"
                + "\"doubles\":[0.5,\"NaN\"],\"null\":null},\"list\":[1,\"two\",[3.5],{\"k\":false}]}", compact);
        assertEquals("{\n  \"name\": \"x\",\n  \"inner\": {\n    \"empty\": {},\n    \"none\": [],\n"
                + "    \"ints\": [1, -1],\n    \"longs\": [9223372036854775807],\n    \"doubles\": [0.5, \"NaN\"],\n"
                + "    \"null\": null\n  },\n  \"list\": [1, \"two\", [3.5], {\n      \"k\": false\n    }]\n}", pretty.toString());
    }

    @Test
    void misuseIsRefused() {
        StringBuilder sb = new StringBuilder();
        assertThrows(IllegalStateException.class, () -> JsonWriter.compact(sb).beginObject().value(1L));
        assertThrows(IllegalStateException.class, () -> JsonWriter.compact(sb).beginArray().name("a"));
        assertThrows(IllegalStateException.class, () -> JsonWriter.compact(sb).beginObject().name("a").name("b"));
        assertThrows(IllegalStateException.class, () -> JsonWriter.compact(sb).beginObject().endArray());
        assertThrows(IllegalStateException.class, () -> JsonWriter.compact(sb).beginObject().name("a").endObject());
        assertThrows(IllegalStateException.class, () -> JsonWriter.compact(sb).value(1L).value(2L));
        assertThrows(IllegalStateException.class, () -> JsonWriter.compact(sb).beginArray().endArray().beginArray());
        assertThrows(IllegalStateException.class, () -> JsonWriter.compact(sb).endObject());
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.toJson(new Object()));
        JsonWriter w = JsonWriter.compact(new StringBuilder()).beginArray();
        assertTrue(!w.isComplete());
        assertTrue(w.endArray().isComplete());
    }

    @Test
    void deepNestingGrowsTheStack() throws Exception {
        StringBuilder sb = new StringBuilder();
        JsonWriter w = JsonWriter.compact(sb);
        for (int i = 0; i < 50; i++) {
            w.beginArray();
        }
        w.value("deep");
        for (int i = 0; i < 50; i++) {
            w.endArray();
        }
        JsonNode node = parse(sb.toString());
        for (int i = 0; i < 50; i++) {
            node = node.get(0);
        }
        assertEquals("deep", node.textValue());
    }

    @Test
    void ourReaderReadsWhatWeWrite() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a\u0001\ud800b");
        m.put("x", 0.1);
        m.put("n", 42L);
        m.put("l", List.of(true, "y"));
        assertEquals(m, JsonReader.parse(JsonWriter.toJson(m), "test"));
    }
}
