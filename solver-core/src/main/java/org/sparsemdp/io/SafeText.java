package org.sparsemdp.io;

/**
 * Makes text from untrusted input safe to show on a terminal: control characters (C0, DEL, C1),
 * which include the escape character that starts terminal escape sequences, and the Unicode
 * bidirectional overrides and isolates (which reorder what a reader sees) are replaced by visible
 * escapes: {@code \n}, {@code \t}, {@code \r}, {@code \e} (ESC) and {@code \xNN} or
 * {@code \x{NNNN}} for the others; a backslash stays as it is. Every label or token that a
 * reader or the command line echoes in a message passes through {@link #escape(CharSequence)}.
 */
public final class SafeText {
    private SafeText() {
    }

    /** {@code s} with every unsafe character escaped (see the class comment); null stays null. */
    public static String escape(CharSequence s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && !unsafe(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s.toString();
        }
        StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!unsafe(c)) {
                sb.append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == 0x1b) {
                sb.append("\\e");
            } else if (c <= 0xff) {
                sb.append(String.format(java.util.Locale.ROOT, "\\x%02X", (int) c));
            } else {
                sb.append(String.format(java.util.Locale.ROOT, "\\x{%04X}", (int) c));
            }
        }
        return sb.toString();
    }

    /** Whether {@code c} must be escaped: C0 and C1 controls, DEL, bidi overrides and isolates. */
    public static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200e || c == 0x200f || c == 0x061c;
    }
}
