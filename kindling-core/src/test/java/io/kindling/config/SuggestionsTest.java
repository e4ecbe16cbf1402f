package io.kindling.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SuggestionsTest {

    private static final List<String> KNOWN =
            List.of(
                    "he_normal",
                    "he_uniform",
                    "kaiming_normal",
                    "kaiming_uniform",
                    "xavier_normal",
                    "orthogonal",
                    "zeros",
                    "fashion-mnist");

    @Test
    void distance_counts_an_adjacent_swap_as_one_edit() {
        assertEquals(1, Suggestions.distance("he_nromal", "he_normal"));
        assertEquals(1, Suggestions.distance("lrr", "lr"));
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
        assertEquals(0, Suggestions.distance("", ""));
        assertEquals(4, Suggestions.distance("", "abcd"));
    }

    @Test
    void closest_ranks_by_distance_and_keeps_at_most_max() {
        assertEquals(List.of("he_normal"), Suggestions.closest("he_nromal", KNOWN, 3));
        assertEquals(List.of("he_normal", "he_uniform"), Suggestions.closest("he_norm", KNOWN, 2));
        assertEquals(
                List.of("kaiming_normal", "kaiming_uniform"),
                Suggestions.closest("kaiming", KNOWN, 3));
        assertEquals(List.of(), Suggestions.closest("adam", KNOWN, 3));
    }

    @Test
    void case_and_dash_versus_underscore_do_not_count() {
        assertEquals(List.of("fashion-mnist"), Suggestions.closest("Fashion_MNIST", KNOWN, 3));
    }

    @Test
    void did_you_mean_reads_as_a_sentence_fragment() {
        assertEquals("; did you mean zeros?", Suggestions.didYouMean("zerso", KNOWN));
        assertEquals(
                "; did you mean kaiming_normal or kaiming_uniform?",
                Suggestions.didYouMean("kaiming", KNOWN));
        assertEquals("", Suggestions.didYouMean("adam", KNOWN));
    }
}
