package io.kindling.config;

/**
 * A mistake in user-written configuration. The message is one complete sentence meant to be shown
 * as is: it names the position, what was found and what was expected.
 */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Position position;

    public ConfigException(String message) {
        this(message, (Position) null);
    }

    /** With the position the message refers to, for tools that want to point at it. */
    public ConfigException(String message, Position position) {
        super(message);
        this.position = position;
    }

    /** Wrapping a lower-level failure whose message has been folded into {@code message}. */
    public ConfigException(String message, Position position, Throwable cause) {
        super(message, cause);
        this.position = position;
    }

    /** Where in the expression text the problem is, or null when unknown. */
    public Position position() {
        return position;
    }
}
