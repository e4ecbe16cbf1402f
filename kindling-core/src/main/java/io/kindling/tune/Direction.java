package io.kindling.tune;

/** Whether a study looks for the smallest or the largest value. */
public enum Direction {
    MINIMIZE,
    MAXIMIZE;

    /** {@code value} as a loss: itself when minimizing, negated when maximizing. */
    public double loss(double value) {
        return this == MINIMIZE ? value : -value;
    }

    /** Whether {@code a} is better than {@code b}. */
    public boolean better(double a, double b) {
        return loss(a) < loss(b);
    }

    /** Reads {@code minimize} or {@code maximize}. */
    public static Direction parse(String s) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "minimize", "min" -> MINIMIZE;
            case "maximize", "max" -> MAXIMIZE;
            default ->
                    throw new io.kindling.config.ConfigException(
                            "Unknown direction '" + s + "'; accepted: minimize, maximize");
        };
    }
}
