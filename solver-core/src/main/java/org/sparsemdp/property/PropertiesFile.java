package org.sparsemdp.property;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PRISM properties file ({@code .props}): one property per line, or several separated by
 * {@code ;} as Storm accepts them, {@code //} comments, constants {@code const int k = 5;} /
 * {@code const double g = 9/10;} used in the properties below them, and labels
 * {@code label "safe" = x<3 & !"hazard";}. Errors name the file, line and column.
 */
public final class PropertiesFile {
    private final List<Property> properties;
    private final Map<String, Number> constants;
    private final Map<String, StateFormula> labels;

    private PropertiesFile(List<Property> properties, Map<String, Number> constants, Map<String, StateFormula> labels) {
        this.properties = List.copyOf(properties);
        this.constants = Collections.unmodifiableMap(constants);
        this.labels = Collections.unmodifiableMap(labels);
    }

    /** Reads and parses {@code file}. */
    public static PropertiesFile read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Parses the text of a properties file; {@code source} names it in errors.
     *
     * @throws PropertySyntaxException naming source, line and column of the first problem
     */
    public static PropertiesFile parse(String text, String source) {
        List<Property> props = new ArrayList<>();
        Map<String, Number> constants = new LinkedHashMap<>();
        Map<String, StateFormula> labels = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = stripComment(lines[i]);
            int start = 0;
            for (int end : statementEnds(line)) { // statements separated by ';' (Storm writes several per line)
                String part = line.substring(start, end);
                int from = start;
                start = end + 1;
                String trimmed = part.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int indent = from + part.indexOf(trimmed.charAt(0));
                Lexer.ErrorSink errors = (col, problem) -> new PropertySyntaxException(source, lineNo, col + indent,
                        problem);
                if (trimmed.startsWith("const ") || trimmed.equals("const")) {
                    constant(trimmed, constants, errors);
                } else if (trimmed.startsWith("label ") || trimmed.startsWith("label\"")) {
                    label(trimmed, constants, labels, errors);
                } else {
                    props.add(PropertyParser.parse(trimmed, constants, errors));
                }
            }
        }
        return new PropertiesFile(props, constants, labels);
    }

    private static void constant(String stmt, Map<String, Number> constants, Lexer.ErrorSink errors) {
        String rest = stmt.substring("const".length()).strip();
        int offset = stmt.length() - rest.length();
        boolean isDouble = false;
        if (rest.startsWith("int ")) {
            rest = rest.substring(4).strip();
        } else if (rest.startsWith("double ")) {
            isDouble = true;
            rest = rest.substring(7).strip();
        } else if (rest.startsWith("bool ")) {
            throw errors.at(offset + 1, "Boolean constants are not supported");
        }
        offset = stmt.length() - rest.length();
        int eq = rest.indexOf('=');
        String name = (eq < 0 ? rest : rest.substring(0, eq)).strip();
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw errors.at(offset + 1, "expected a constant name, found '" + name + "'");
        }
        if (eq < 0) {
            throw errors.at(offset + 1, "constant '" + name + "' has no value; write const int " + name + " = ...;");
        }
        if (constants.containsKey(name)) {
            throw errors.at(offset + 1, "constant '" + name + "' is defined twice");
        }
        String value = rest.substring(eq + 1).strip();
        int valueColumn = offset + eq + 1 + (rest.substring(eq + 1).length() - rest.substring(eq + 1).stripLeading().length()) + 1;
        double v = evaluateNumber(value, constants, valueColumn, errors);
        if (isDouble) {
            constants.put(name, v);
        } else {
            if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                throw errors.at(valueColumn, "constant '" + name + "' must be an integer, not " + value);
            }
            constants.put(name, (long) v);
        }
    }

    /** A number, constant, fraction, or a sum/difference of integers and constants. */
    private static double evaluateNumber(String value, Map<String, Number> constants, int column,
                                         Lexer.ErrorSink errors) {
        Lexer.ErrorSink shifted = (col, problem) -> errors.at(column + col - 1, problem);
        List<Lexer.Token> tokens = Lexer.tokens(value, shifted);
        if (tokens.size() == 4 && tokens.get(1).is("/")) {
            return atom(tokens.get(0), constants, shifted) / atom(tokens.get(2), constants, shifted);
        }
        double sum = 0;
        int sign = 1;
        boolean expectOperand = true;
        for (Lexer.Token t : tokens) {
            if (t.type() == Lexer.Type.END) {
                break;
            }
            if (expectOperand) {
                if (t.is("-")) {
                    sign = -sign;
                    continue;
                }
                sum += sign * atom(t, constants, shifted);
                expectOperand = false;
            } else if (t.is("+") || t.is("-")) {
                sign = t.is("-") ? -1 : 1;
                expectOperand = true;
            } else {
                throw shifted.at(t.column(), "unexpected " + t.describe() + " in a constant's value");
            }
        }
        if (expectOperand) {
            throw shifted.at(tokens.get(tokens.size() - 1).column(), "expected a value");
        }
        return sum;
    }

    private static double atom(Lexer.Token t, Map<String, Number> constants, Lexer.ErrorSink errors) {
        if (t.type() == Lexer.Type.NUMBER) {
            return Double.parseDouble(t.text());
        }
        if (t.type() == Lexer.Type.IDENT && constants.containsKey(t.text())) {
            return constants.get(t.text()).doubleValue();
        }
        throw errors.at(t.column(), "expected a number or a constant defined above, found " + t.describe());
    }

    private static void label(String stmt, Map<String, Number> constants, Map<String, StateFormula> labels,
                              Lexer.ErrorSink errors) {
        int q1 = stmt.indexOf('"');
        int q2 = q1 < 0 ? -1 : stmt.indexOf('"', q1 + 1);
        if (q1 < 0 || q2 < 0) {
            throw errors.at(7, "expected a quoted label name: label \"name\" = ...;");
        }
        String name = stmt.substring(q1 + 1, q2);
        int eq = stmt.indexOf('=', q2);
        if (eq < 0) {
            throw errors.at(q2 + 2, "expected '=' after the label name");
        }
        if (labels.containsKey(name)) {
            throw errors.at(q1 + 1, "label \"" + name + "\" is defined twice");
        }
        int offset = eq + 1;
        Lexer.ErrorSink shifted = (col, problem) -> errors.at(offset + col, problem);
        labels.put(name, PropertyParser.parseStateFormula(stmt.substring(eq + 1), constants, shifted));
    }

    /** The positions of the {@code ;} outside quotes, then the line's length. */
    private static List<Integer> statementEnds(String line) {
        List<Integer> ends = new ArrayList<>();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                ends.add(i);
            }
        }
        ends.add(line.length());
        return ends;
    }

    /** The line without a {@code //} comment (outside quotes). */
    private static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
                return line.substring(0, i);
            }
        }
        return line;
    }

    /** The properties in file order. */
    public List<Property> properties() {
        return properties;
    }

    /** The constants (Long for int, Double for double). */
    public Map<String, Number> constants() {
        return constants;
    }

    /** The labels defined in the file. */
    public Map<String, StateFormula> labels() {
        return labels;
    }
}
