package org.sparsemdp.cli;

/** CSV field quoting (RFC 4180) for labels that contain commas, quotes or line breaks. */
final class Csv {
    private Csv() {
    }

    static String quote(String field) {
        boolean needs = false;
        for (int i = 0; i < field.length() && !needs; i++) {
            char c = field.charAt(i);
            needs = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }
}
