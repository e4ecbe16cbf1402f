package io.kindling.config;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.stream.Collectors;

/**
 * Writes an {@link Expr} in canonical form: bare {@code name} for calls without arguments, {@code
 * name(k=v, k2=v2)}, lists {@code [a, b]}, strings in single quotes, numbers in their shortest form
 * that reads back to the same double. {@code ExprParser.parse(print(e))} equals {@code e} for every
 * expression.
 */
public final class ExprPrinter {

    /** Below this magnitude, exponent notation ({@code 3e-4}) reads better than zeros. */
    private static final double PLAIN_MIN = 1e-3;

    /** From here on, integers print in exponent notation instead of long digit runs. */
    private static final double PLAIN_MAX = 1e15;

    private ExprPrinter() {}

    /** The canonical text of {@code e}. */
    public static String print(Expr e) {
        StringBuilder out = new StringBuilder();
        print(e, out);
        return out.toString();
    }

    private static void print(Expr e, StringBuilder out) {
        // Java 17 has no pattern switch; the sealed hierarchy keeps this chain exhaustive.
        if (e instanceof Num n) {
            out.append(formatNumber(n.value()));
        } else if (e instanceof Bool b) {
            out.append(b.value());
        } else if (e instanceof Str s) {
            out.append(quote(s.value()));
        } else if (e instanceof ListExpr l) {
            out.append('[');
            for (int i = 0; i < l.items().size(); i++) {
                out.append(i == 0 ? "" : ", ");
                print(l.items().get(i), out);
            }
            out.append(']');
        } else if (e instanceof Call c) {
            out.append(c.name());
            if (!c.args().isEmpty()) {
                out.append('(');
                for (int i = 0; i < c.args().size(); i++) {
                    Arg a = c.args().get(i);
                    out.append(i == 0 ? "" : ", ").append(a.key()).append('=');
                    print(a.value(), out);
                }
                out.append(')');
            }
        } else {
            throw new IllegalArgumentException("Unknown expression node " + e.getClass());
        }
    }

    /** {@code s} in single quotes with {@code \} {@code '} and control characters escaped. */
    static String quote(String s) {
        return s.chars()
                .mapToObj(
                        c ->
                                switch (c) {
                                    case '\\' -> "\\\\";
                                    case '\'' -> "\\'";
                                    case '\n' -> "\\n";
                                    case '\t' -> "\\t";
                                    default -> String.valueOf((char) c);
                                })
                .collect(Collectors.joining("", "'", "'"));
    }

    /**
     * The shortest decimal that parses back to {@code v}: integers without {@code .0} ({@code 3},
     * {@code -0}), {@code 0.05}, and {@code 3e-4} / {@code 1.5e20} outside [1e-3, 1e15). Computed
     * with BigDecimal rather than {@code Double.toString}, which is not always shortest before JDK
     * 19.
     */
    static String formatNumber(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("Cannot print non-finite number " + v);
        }
        if (v == 0) {
            // -0.0 is kept distinct because Num equality tells them apart.
            return Double.doubleToRawLongBits(v) == 0 ? "0" : "-0";
        }
        BigDecimal shortest = shortest(v);
        double abs = Math.abs(v);
        if (abs >= PLAIN_MIN && abs < PLAIN_MAX) {
            return shortest.toPlainString();
        }
        return scientific(shortest);
    }

    private static BigDecimal shortest(double v) {
        BigDecimal exact = new BigDecimal(v);
        for (int digits = 1; digits < 17; digits++) {
            BigDecimal rounded = exact.round(new MathContext(digits));
            if (rounded.doubleValue() == v) {
                return rounded.stripTrailingZeros();
            }
        }
        // 17 significant digits always identify a double uniquely.
        return exact.round(new MathContext(17)).stripTrailingZeros();
    }

    /** {@code d.ddde-x}, e.g. {@code 3e-4}, {@code -1.25e20}. */
    private static String scientific(BigDecimal d) {
        String digits = d.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - d.scale();
        String mantissa =
                digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (d.signum() < 0 ? "-" : "") + mantissa + "e" + exponent;
    }
}
