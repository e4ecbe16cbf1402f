package io.kindling.report;

/** HTML text escaping for the report. */
public final class Html {

    private Html() {}

    /** Escapes {@code & < > "} so text shows as written. */
    public static String escape(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
