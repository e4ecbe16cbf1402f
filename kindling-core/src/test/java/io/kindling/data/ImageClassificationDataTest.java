package io.kindling.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory dataset checks its labels and counts. */
class ImageClassificationDataTest {

    private static ImageClassificationData data(byte[] trainImages, byte[] trainLabels) {
        return new ImageClassificationData(
                "toy",
                1,
                2,
                3,
                List.of("a", "b", "c"),
                trainImages,
                trainLabels,
                new byte[2],
                new byte[1],
                "test");
    }

    @Test
    void sizesCountLabels() {
        ImageClassificationData d = data(new byte[6], new byte[] {0, 1, 2});
        assertEquals(3, d.trainSize());
        assertEquals(1, d.testSize());
        assertEquals(2, d.features());
    }

    @Test
    void aLabelNotBelowTheClassCountIsRejectedWithItsIndex() {
        DataException e =
                assertThrows(DataException.class, () -> data(new byte[6], new byte[] {0, 1, 3}));
        assertTrue(
                e.getMessage().contains("toy training split: label 3 at index 2"), e.getMessage());
    }

    @Test
    void labelBytesAbove127AreTreatedAsUnsigned() {
        DataException e =
                assertThrows(
                        DataException.class,
                        () -> data(new byte[6], new byte[] {(byte) 200, 0, 0}));
        assertTrue(e.getMessage().contains("label 200 at index 0"), e.getMessage());
    }

    @Test
    void imageAndLabelCountsMustAgree() {
        DataException e =
                assertThrows(DataException.class, () -> data(new byte[8], new byte[] {0, 1, 2}));
        assertTrue(e.getMessage().contains("3 labels but 8 image bytes"), e.getMessage());
    }

    @Test
    void classNamesMustMatchTheClassCount() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new ImageClassificationData(
                                "toy",
                                1,
                                1,
                                2,
                                List.of("a"),
                                new byte[0],
                                new byte[0],
                                new byte[0],
                                new byte[0],
                                "x"));
    }
}
