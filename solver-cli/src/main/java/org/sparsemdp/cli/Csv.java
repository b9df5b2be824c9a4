package org.sparsemdp.cli;

/** CSV field quoting (RFC 4180) for labels that contain commas, quotes or line breaks. */
final class Csv {
    private Csv() {
    }

    static String quote(String field) {
        return org.sparsemdp.io.PolicyCsv.quote(field);
    }
}
