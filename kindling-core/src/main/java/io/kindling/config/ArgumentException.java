package io.kindling.config;

/**
 * A value a constructor refuses, naming the argument: {@code normal std must be >= 0, got -1}.
 * Objects that check their own arguments (initializer records, say) throw it, so that a rule is
 * written once, beside the value it guards; when the object was built from an expression, {@link
 * Registry#create} turns it into the same error {@link Args#error} gives, pointing at the argument
 * as written ({@code Argument std=-1 of initializer normal at 1:8 must be >= 0}).
 */
public final class ArgumentException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final String problem;

    /**
     * @param owner what the argument belongs to, e.g. {@code normal}; null to leave it out
     * @param key the argument, e.g. {@code std}
     * @param problem what is wrong, starting with a verb, e.g. {@code must be >= 0}
     * @param value the value given, as text
     */
    public ArgumentException(String owner, String key, String problem, String value) {
        super((owner == null ? "" : owner + " ") + key + " " + problem + ", got " + value);
        this.key = key;
        this.problem = problem;
    }

    /**
     * Refuses {@code key=value} unless {@code ok}: {@code OWNER KEY must be ACCEPTED, got VALUE}.
     *
     * @param ok whether the value is accepted
     * @param owner what the argument belongs to, e.g. {@code mlp}
     * @param key the argument, e.g. {@code depth}
     * @param accepted what is accepted, e.g. {@code >= 0 (hidden layers)}
     * @param value the value given
     * @throws ArgumentException naming all four
     */
    public static void require(
            boolean ok, String owner, String key, String accepted, Object value) {
        if (!ok) {
            throw new ArgumentException(owner, key, "must be " + accepted, String.valueOf(value));
        }
    }

    /** The argument's key. */
    public String key() {
        return key;
    }

    /** What is wrong with its value, e.g. {@code must be >= 0}. */
    public String problem() {
        return problem;
    }
}
