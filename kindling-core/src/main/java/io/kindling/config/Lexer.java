package io.kindling.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splits expression text into {@link Token}s, tracking line and column. */
final class Lexer {

    /** Digits, optional fraction and exponent; a leading '+' is refused to keep one spelling. */
    private static final Pattern NUMBER =
            Pattern.compile("-?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

    private final String text;
    private int index;
    private int line = 1;
    private int column = 1;

    private Lexer(String text) {
        this.text = text;
    }

    /** All tokens of {@code text}, ending with one {@link Token.Type#END}. */
    static List<Token> tokenize(String text) {
        return new Lexer(text).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            Position pos = new Position(line, column);
            if (index >= text.length()) {
                tokens.add(new Token(Token.Type.END, "", "", pos));
                return tokens;
            }
            tokens.add(next(pos));
        }
    }

    private Token next(Position pos) {
        char c = text.charAt(index);
        Token.Type single =
                switch (c) {
                    case '(' -> Token.Type.LPAREN;
                    case ')' -> Token.Type.RPAREN;
                    case '[' -> Token.Type.LBRACKET;
                    case ']' -> Token.Type.RBRACKET;
                    case ',' -> Token.Type.COMMA;
                    case '=' -> Token.Type.EQUALS;
                    default -> null;
                };
        if (single != null) {
            advance();
            return new Token(single, String.valueOf(c), String.valueOf(c), pos);
        }
        if (c == '\'' || c == '"') {
            return string(pos, c);
        }
        if (Identifiers.isStart(c)) {
            int start = index;
            while (index < text.length() && Identifiers.isPart(text.charAt(index))) {
                advance();
            }
            String word = text.substring(start, index);
            return new Token(Token.Type.IDENT, word, word, pos);
        }
        if (c == '-' || c == '.' || Character.isDigit(c)) {
            return number(pos);
        }
        throw new ConfigException(
                "Unexpected character '"
                        + c
                        + "' at "
                        + pos
                        + "; expected a value (number, true/false, 'string', [list] or name(...))"
                        + " or one of ( ) [ ] , ="
                        + pathHint(),
                pos);
    }

    /**
     * When the value being read looks like an unquoted file path ({@code data/x.csv}, {@code ./x},
     * {@code ~/x}, {@code C:\x}), says that paths are strings and shows the value quoted; otherwise
     * the empty string.
     */
    private String pathHint() {
        int start = index;
        while (start > 0 && "=(,[".indexOf(text.charAt(start - 1)) < 0) {
            start--;
        }
        int end = index;
        while (end < text.length() && ",)]".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        String raw = text.substring(start, end).strip();
        if (raw.isEmpty() || !raw.matches("[^'\"\\s]*[/\\\\][^'\"\\s]*")) {
            return "";
        }
        return ". Paths are strings: quote them, e.g. '" + raw + "'";
    }

    /** A number takes every word character, so {@code 1.5.3} or {@code 3abc} fail as a whole. */
    private Token number(Position pos) {
        int start = index;
        while (index < text.length() && isNumberPart(text.charAt(index))) {
            advance();
        }
        String literal = text.substring(start, index);
        if (!NUMBER.matcher(literal).matches()) {
            String hint =
                    literal.matches("-(inf|nan|infinity)")
                            ? "; infinity and NaN cannot be written"
                            : "";
            if (index < text.length() && "/\\".indexOf(text.charAt(index)) >= 0) {
                hint = pathHint();
            }
            throw new ConfigException(
                    "Malformed number '"
                            + literal
                            + "' at "
                            + pos
                            + "; expected e.g. 3, -0.5 or 3e-4"
                            + hint,
                    pos);
        }
        double value = Double.parseDouble(literal);
        if (Double.isInfinite(value)) {
            throw new ConfigException(
                    "Number '" + literal + "' at " + pos + " is too large for a double", pos);
        }
        return new Token(Token.Type.NUMBER, literal, literal, pos);
    }

    private Token string(Position pos, char quote) {
        int start = index;
        advance();
        StringBuilder value = new StringBuilder();
        while (index < text.length()) {
            char c = text.charAt(index);
            if (c == quote) {
                advance();
                return new Token(
                        Token.Type.STRING, text.substring(start, index), value.toString(), pos);
            }
            if (c == '\\') {
                Position escapePos = new Position(line, column);
                advance();
                if (index >= text.length()) {
                    break;
                }
                value.append(unescape(text.charAt(index), escapePos));
            } else {
                value.append(c);
            }
            advance();
        }
        throw new ConfigException(
                "Unterminated string starting at "
                        + pos
                        + "; expected a closing "
                        + quote
                        + " before the end of input",
                pos);
    }

    private static char unescape(char c, Position pos) {
        return switch (c) {
            case '\\', '\'', '"' -> c;
            case 'n' -> '\n';
            case 't' -> '\t';
            default ->
                    throw new ConfigException(
                            "Unknown escape '\\"
                                    + c
                                    + "' at "
                                    + pos
                                    + "; expected one of \\\\ \\' \\\" \\n \\t",
                            pos);
        };
    }

    private static boolean isNumberPart(char c) {
        return Identifiers.isPart(c) || c == '+';
    }

    private void skipWhitespace() {
        while (index < text.length() && Character.isWhitespace(text.charAt(index))) {
            advance();
        }
    }

    private void advance() {
        if (text.charAt(index) == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        index++;
    }
}
