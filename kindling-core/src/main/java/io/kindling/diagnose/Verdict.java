package io.kindling.diagnose;

import java.util.List;

/**
 * What the statistics say about a network at initialization.
 *
 * @param kind healthy, vanishing, exploding, saturated or dying
 * @param evidence the numbers behind the verdict, in words
 * @param advice what to try, naming Kindling initializers
 */
public record Verdict(String kind, List<String> evidence, List<String> advice) {

    /** The verdict kinds, from best to worst. */
    public static final List<String> KINDS =
            List.of("healthy", "vanishing", "exploding", "saturated", "dying");
}
