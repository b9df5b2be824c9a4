package org.sparsemdp.io.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparsemdp.io.ModelFormatException;

class JsonReaderTest {
    private static Object parse(String text) throws ModelFormatException {
        return JsonReader.parse(text, "t.json");
    }

    @Test
    void valuesBecomeJavaObjectsInOrder() throws ModelFormatException {
        Object v = parse(" {\"b\": [1, -2.5, 1e2, true, false, null, \"x\\\"\\u00e9\\n\"], \"a\": {}, \"c\": []}\n");
        Map<?, ?> map = (Map<?, ?>) v;
        assertEquals(List.of("b", "a", "c"), List.copyOf(map.keySet()), "member order kept");
        assertEquals(Arrays.asList(1L, -2.5, 100.0, true, false, null, "x\"\u00e9\n"), map.get("b"));
        assertEquals(Map.of(), map.get("a"));
        assertEquals(List.of(), map.get("c"));
    }

    @Test
    void integerLiteralsAreLongsUnlessTheyExceedTheLongRange() throws ModelFormatException {
        assertEquals(Long.MAX_VALUE, parse("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, parse("-9223372036854775808"));
        assertEquals(9.223372036854775808e18, parse("9223372036854775808"));
        assertEquals(0L, parse("-0"));
        assertEquals(-0.0, parse("-0.0"));
        assertEquals(5.0, parse("5E0"));
        assertEquals(0.01, parse("1e-2"));
    }

    @Test
    void nullValuesAreMembersAndStillCountAsDuplicates() throws ModelFormatException {
        Map<?, ?> map = (Map<?, ?>) parse("{\"a\": null}");
        assertTrue(map.containsKey("a"));
        assertNull(map.get("a"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> parse("{\"a\": null, \"a\": 1}"));
        assertEquals("t.json:1: column 13: duplicate member \"a\"", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "empty                 | ''                 | 1 | column 1: unexpected end of input",
        "leading zero          | '01'               | 1 | column 2: unexpected '1' after the end",
        "bare minus            | '-'                | 1 | column 2: expected a digit",
        "plus sign             | '+1'               | 1 | column 1: unexpected '+'",
        "dot without digits    | '1.'               | 1 | column 3: expected a digit after '.'",
        "empty exponent        | '1e+'              | 1 | column 4: expected a digit in the exponent",
        "beyond double         | '[1, 1e999]'       | 1 | column 5: number out of the double range",
        "trailing comma        | '[1,\\n 2,]'        | 2 | column 4: unexpected ']'",
        "missing colon         | '{\"a\" 1}'        | 1 | column 6: expected ':'",
        "unquoted name         | '{a: 1}'           | 1 | column 2: expected a quoted member name",
        "unclosed object       | '{\"a\": 1'        | 1 | column 8: expected ',' or '}'",
        "unclosed array        | '[1 2]'            | 1 | column 4: expected ',' or ']'",
        "bad literal           | 'nul'              | 1 | column 1: unexpected token",
        "unterminated string   | '\"abc'            | 1 | column 5: unterminated string",
        "raw newline in string | '\"a\\nb\"'        | 1 | column 3: control character",
        "bad escape            | '\"\\x\"'          | 1 | column 3: unknown escape",
        "bad unicode escape    | '\"\\u12g4\"'      | 1 | column 6: bad hex digit",
        "two values            | '1 2'              | 1 | column 3: unexpected '2' after the end",
    })
    void syntaxErrorsNameSourceLineAndColumn(String name, String text, long line, String fragment) {
        String input = text == null ? "" : text.replace("\\n", "\n");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> parse(input));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("t.json:" + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' lacks '" + fragment + "'");
    }

    @Test
    void deepNestingIsRejectedWithoutStackOverflow() throws ModelFormatException {
        String ok = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);
        assertEquals(1, ((List<?>) parse(ok)).size());
        String deep = "{\"a\":".repeat(50) + "[".repeat(100_000);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> parse(deep));
        assertTrue(e.getMessage().contains("nesting deeper than " + JsonReader.MAX_DEPTH), e.getMessage());
    }
}
