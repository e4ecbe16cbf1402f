package io.kindling.checkpoint;

import java.util.OptionalLong;
import java.util.regex.Pattern;

/** The naming rules of checkpoint folders and of the files inside them. */
final class CheckpointNames {

    /** Prefix of a folder being written; a leftover one is a crash's debris. */
    static final String TMP = ".tmp-";

    /** Prefix of a checkpoint moved aside while its replacement is renamed in. */
    static final String OLD = ".old-";

    static final String STEP_PREFIX = "step-";
    static final String PLAIN_RULE =
            "letters, digits, '.', '_' and '-', not starting with '.'," + " at most 200 characters";

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}");

    private CheckpointNames() {}

    /** Whether {@code name} is a plain name: no separators, no {@code ..}, no leading dot. */
    static boolean isPlain(String name) {
        return name != null && PLAIN.matcher(name).matches();
    }

    /** {@code "step-"} and the step zero-padded to at least 9 digits. */
    static String stepName(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("a step must be >= 0, got " + step);
        }
        return String.format("%s%09d", STEP_PREFIX, step);
    }

    /** The number after {@code prefix} in {@code name}, if that is all digits. */
    static OptionalLong number(String name, String prefix) {
        if (!name.startsWith(prefix) || name.length() == prefix.length()) {
            return OptionalLong.empty();
        }
        String digits = name.substring(prefix.length());
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9') || digits.length() > 18) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(digits));
    }
}
