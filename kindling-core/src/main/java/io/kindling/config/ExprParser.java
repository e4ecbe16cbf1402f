package io.kindling.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Reads expression text such as {@code noisy(base=orthogonal(gain=1.0), std=0.01)} into an {@link
 * Expr} tree.
 *
 * <p>Grammar (whitespace, including newlines, is allowed between tokens):
 *
 * <pre>
 *   value := number | true | false | string | '[' [value (',' value)* [',']] ']'
 *          | name ['(' [key '=' value (',' key '=' value)* [',']] ')']
 *   name, key := [A-Za-z_][A-Za-z0-9_.-]*
 *   string := '...' | "..."  with escapes \\ \' \" \n \t
 * </pre>
 *
 * Arguments are keyword-only and keys must be distinct. Every syntax error is a {@link
 * ConfigException} naming the offending token, its position and what was expected.
 */
public final class ExprParser {

    private static final String VALUE =
            "a value (number, true/false, 'string', [list] or name(...))";

    /** Guards the recursion: no sensible configuration nests this deep. */
    private static final int MAX_DEPTH = 200;

    private final List<Token> tokens;
    private int index;
    private int depth;

    private ExprParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /**
     * Parses one complete expression.
     *
     * @throws ConfigException on any syntax error, including text after the expression
     */
    public static Expr parse(String text) {
        Objects.requireNonNull(text, "text");
        ExprParser parser = new ExprParser(Lexer.tokenize(text));
        if (parser.peek().type() == Token.Type.END) {
            throw new ConfigException(
                    "Empty expression at " + parser.peek().position() + "; expected " + VALUE,
                    parser.peek().position());
        }
        Expr e = parser.value();
        Token rest = parser.peek();
        if (rest.type() != Token.Type.END) {
            throw parser.unexpected(
                    rest, "end of input after the complete expression " + ExprPrinter.print(e));
        }
        return e;
    }

    private Expr value() {
        Token t = next();
        return switch (t.type()) {
            case NUMBER -> new Num(Double.parseDouble(t.text()), t.text(), t.position());
            case STRING -> new Str(t.value(), true, t.position());
            case LBRACKET -> nested(() -> list(t));
            case IDENT -> nameOrCall(t);
            default -> throw unexpected(t, VALUE);
        };
    }

    private Expr nameOrCall(Token name) {
        boolean opens = peek().type() == Token.Type.LPAREN;
        if (Identifiers.isReserved(name.text())) {
            if (opens) {
                throw new ConfigException(
                        "'"
                                + name.text()
                                + "' at "
                                + name.position()
                                + " is a reserved word and cannot be called; expected a name",
                        name.position());
            }
            return new Bool(Boolean.parseBoolean(name.text()), name.position());
        }
        if (!opens) {
            return new Call(name.text(), List.of(), name.position());
        }
        Token open = next();
        return nested(() -> call(name, open));
    }

    private Call call(Token name, Token open) {
        List<Arg> args = new ArrayList<>();
        Map<String, Position> seen = new HashMap<>();
        String closing = "',' or ')' to close " + name.text() + "( opened at " + open.position();
        while (peek().type() != Token.Type.RPAREN) {
            Arg arg = arg(name);
            Position first = seen.putIfAbsent(arg.key(), arg.position());
            if (first != null) {
                throw new ConfigException(
                        "Duplicate argument '"
                                + arg.key()
                                + "' at "
                                + arg.position()
                                + " in "
                                + name.text()
                                + "(...); it was already given at "
                                + first,
                        arg.position());
            }
            args.add(arg);
            if (!separator(Token.Type.RPAREN, closing)) {
                break;
            }
        }
        next();
        return new Call(name.text(), args, name.position());
    }

    private Arg arg(Token callName) {
        Token key = peek();
        Token after = tokens.get(Math.min(index + 1, tokens.size() - 1));
        if (key.type() == Token.Type.IDENT && after.type() == Token.Type.EQUALS) {
            next();
            next();
            return new Arg(key.text(), value(), key.position());
        }
        if (key.type() == Token.Type.IDENT && after.startsValue()) {
            // e.g. "lr 0.1": the key is there, the '=' is missing.
            throw unexpected(after, "'=' after the key '" + key.text() + "'");
        }
        if (key.startsValue()) {
            throw new ConfigException(
                    "Expected key=value at "
                            + key.position()
                            + ", got "
                            + key.describe()
                            + "; arguments of "
                            + callName.text()
                            + "(...) are keyword-only, write e.g. key="
                            + example(key),
                    key.position());
        }
        throw unexpected(key, "key=value or ')'");
    }

    /** The value as it would follow {@code key=} in a message; lists and calls abbreviated. */
    private String example(Token first) {
        if (first.type() == Token.Type.LBRACKET) {
            return "[...]";
        }
        Token after = tokens.get(Math.min(index + 1, tokens.size() - 1));
        return first.type() == Token.Type.IDENT && after.type() == Token.Type.LPAREN
                ? first.text() + "(...)"
                : first.text();
    }

    private ListExpr list(Token open) {
        List<Expr> items = new ArrayList<>();
        String closing = "',' or ']' to close [ opened at " + open.position();
        while (peek().type() != Token.Type.RBRACKET) {
            items.add(value());
            if (!separator(Token.Type.RBRACKET, closing)) {
                break;
            }
        }
        next();
        return new ListExpr(items, open.position());
    }

    /**
     * After an item: consumes a ',' (true: more may follow) or sees the closer (false, not
     * consumed); anything else is an error that names the still-open bracket.
     */
    private boolean separator(Token.Type closer, String expected) {
        Token t = peek();
        if (t.type() == Token.Type.COMMA) {
            next();
            return true;
        }
        if (t.type() == closer) {
            return false;
        }
        throw unexpected(t, expected);
    }

    private <T> T nested(Supplier<T> body) {
        if (++depth > MAX_DEPTH) {
            Token t = peek();
            throw new ConfigException(
                    "Expression nested deeper than " + MAX_DEPTH + " levels at " + t.position(),
                    t.position());
        }
        try {
            return body.get();
        } finally {
            depth--;
        }
    }

    private ConfigException unexpected(Token t, String expected) {
        return new ConfigException(
                "Unexpected " + t.describe() + " at " + t.position() + "; expected " + expected,
                t.position());
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token next() {
        Token t = tokens.get(index);
        if (t.type() != Token.Type.END) {
            index++;
        }
        return t;
    }
}
