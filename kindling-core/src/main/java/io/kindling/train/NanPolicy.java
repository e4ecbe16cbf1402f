package io.kindling.train;

import io.kindling.config.ConfigException;
import java.util.Arrays;
import java.util.List;

/**
 * What a non-finite loss does ({@code nan_policy}): {@code stop} ends the run (parameters as after
 * the last good step), {@code skip_step} drops that step's update and goes on, and {@code rollback}
 * reloads the newest checkpoint with the learning rate halved, at most {@link
 * TrainSpec#MAX_ROLLBACKS} times. {@link NanGuard} carries it out.
 */
public enum NanPolicy {
    STOP("stop"),
    SKIP_STEP("skip_step"),
    ROLLBACK("rollback");

    private final String text;

    NanPolicy(String text) {
        this.text = text;
    }

    /** The text form, as written in YAML and on the command line. */
    public String text() {
        return text;
    }

    /** The text forms, in this order: the accepted values of {@code nan_policy}. */
    public static List<String> texts() {
        return Arrays.stream(values()).map(NanPolicy::text).toList();
    }

    /**
     * The policy written {@code text}.
     *
     * @throws ConfigException naming the value and listing the accepted ones
     */
    public static NanPolicy parse(String text) {
        for (NanPolicy p : values()) {
            if (p.text.equals(text)) {
                return p;
            }
        }
        throw new ConfigException(
                "nan_policy '" + text + "' is not known; accepted: " + String.join(", ", texts()));
    }

    @Override
    public String toString() {
        return text;
    }
}
