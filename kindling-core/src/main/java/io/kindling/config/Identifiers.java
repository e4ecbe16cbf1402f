package io.kindling.config;

import java.util.regex.Pattern;

/** What counts as an identifier, shared by the lexer, the AST checks and the builder. */
final class Identifiers {

    /** '-' and '.' are allowed inside so dataset names like {@code fashion-mnist} stay bare. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private Identifiers() {}

    static boolean isIdentifier(String s) {
        return s != null && IDENTIFIER.matcher(s).matches();
    }

    /** Whether the word reads back as a {@link Bool} rather than a name. */
    static boolean isReserved(String s) {
        return "true".equals(s) || "false".equals(s);
    }

    /** Whether {@code s} can be the name of a {@link Call} and print back as one. */
    static boolean isName(String s) {
        return isIdentifier(s) && !isReserved(s);
    }

    static boolean isStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    static boolean isPart(char c) {
        return isStart(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
    }
}
