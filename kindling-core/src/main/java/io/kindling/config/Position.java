package io.kindling.config;

/**
 * A place in expression text, 1-based. Nodes built in code rather than parsed carry {@link #NONE}.
 *
 * @param line 1-based line, 0 for {@link #NONE}
 * @param column 1-based column (in UTF-16 units), 0 for {@link #NONE}
 */
public record Position(int line, int column) {

    /** The position of nodes that were not parsed from text. */
    public static final Position NONE = new Position(0, 0);

    /** Whether this is a real place in some text rather than {@link #NONE}. */
    public boolean isKnown() {
        return line > 0;
    }

    /** Message fragment {@code " at 1:14"}, or empty for {@link #NONE} so messages stay clean. */
    String at() {
        return isKnown() ? " at " + this : "";
    }

    /** {@code line:column}, e.g. {@code 1:14}. */
    @Override
    public String toString() {
        return line + ":" + column;
    }
}
