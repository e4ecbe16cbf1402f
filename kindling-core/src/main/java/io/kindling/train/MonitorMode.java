package io.kindling.train;

/**
 * Whether a monitored metric should go down ({@code mode=min}: losses) or up ({@code mode=max}:
 * accuracies), for reduce-on-plateau, early stopping and the {@code best} checkpoint.
 */
public enum MonitorMode {
    MIN("min"),
    MAX("max");

    private final String text;

    MonitorMode(String text) {
        this.text = text;
    }

    /** The text form, as in {@code mode=min}. */
    public String text() {
        return text;
    }

    /** The mode written {@code text}, one of {@code min} and {@code max}. */
    public static MonitorMode parse(String text) {
        for (MonitorMode m : values()) {
            if (m.text.equals(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("mode must be min or max, got '" + text + "'");
    }

    /** The worst possible value in this mode, where a search for the best starts. */
    public double worst() {
        return this == MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    @Override
    public String toString() {
        return text;
    }
}
