package io.kindling.checkpoint;

import java.util.List;

/**
 * The result of checking a checkpoint folder against its {@code manifest.json}.
 *
 * <p>Files in the folder that the manifest does not list do not make a checkpoint invalid — the
 * listed files are all that Kindling reads, and they are intact — but they are named in {@link
 * #unlisted()} so a tool can show them.
 *
 * @param status VALID, INCOMPLETE (no manifest: the write never finished) or CORRUPT
 * @param reason why it is not valid, one line naming the file and the problem, starting with {@code
 *     "incomplete: "} or {@code "corrupt: "}; empty when valid
 * @param unlisted names of files present but not in the manifest, sorted
 */
public record Verification(Status status, String reason, List<String> unlisted) {

    /** What a check found. */
    public enum Status {
        VALID,
        INCOMPLETE,
        CORRUPT
    }

    public Verification {
        unlisted = List.copyOf(unlisted);
    }

    /** Whether every file the manifest lists is there with its size and SHA-256. */
    public boolean valid() {
        return status == Status.VALID;
    }

    static Verification ok(List<String> unlisted) {
        return new Verification(Status.VALID, "", unlisted);
    }

    static Verification incomplete(String why) {
        return new Verification(Status.INCOMPLETE, "incomplete: " + why, List.of());
    }

    static Verification corrupt(String why) {
        return new Verification(Status.CORRUPT, "corrupt: " + why, List.of());
    }

    @Override
    public String toString() {
        return valid() ? "valid" : reason;
    }
}
