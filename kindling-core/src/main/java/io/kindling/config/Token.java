package io.kindling.config;

/**
 * One lexical token.
 *
 * @param type what kind of token
 * @param text the source text of the token, quotes included for strings
 * @param value the unescaped content for strings, the text otherwise
 * @param position where it starts
 */
record Token(Type type, String text, String value, Position position) {

    enum Type {
        IDENT,
        NUMBER,
        STRING,
        LPAREN,
        RPAREN,
        LBRACKET,
        RBRACKET,
        COMMA,
        EQUALS,
        END
    }

    /** How the token is named in messages: {@code ')'}, {@code "'abc'"} or end of input. */
    String describe() {
        return type == Type.END ? "end of input" : "'" + text + "'";
    }

    /** Whether this token can start a value, used to tell positional arguments apart. */
    boolean startsValue() {
        return type == Type.IDENT
                || type == Type.NUMBER
                || type == Type.STRING
                || type == Type.LBRACKET;
    }
}
