package io.kindling.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.kindling.config.ConfigException;
import io.kindling.engine.Compute;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokenizers round-trip; text splits into contiguous blocks of next-token windows. */
class TextDataTest {

    private static final String TEXT = "Ünïcode — and ASCII.\n\tTabs, 数字 and emoji 🙂 too.";

    @Test
    void characterTokenizerRoundTripsAndSortsItsVocabulary() {
        Tokenizer t = Tokenizer.chars(TEXT);
        assertEquals(TEXT, t.decode(t.encode(TEXT)));
        assertEquals(TEXT.codePoints().distinct().count(), t.vocab());
        assertEquals("\t", t.decode(new int[] {0}), "the smallest code point is id 0");
    }

    @Test
    void byteTokenizerRoundTripsAnyText() {
        Tokenizer t = Tokenizer.bytes();
        int[] ids = t.encode(TEXT);
        assertEquals(TEXT.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, ids.length);
        assertEquals(TEXT, t.decode(ids));
        assertEquals(256, t.vocab());
    }

    @Test
    void charactersOutsideTheVocabularyAreNamed() {
        Tokenizer t = Tokenizer.chars("hello world");
        ConfigException e = assertThrows(ConfigException.class, () -> t.encode("hello, World!"));
        assertTrue(
                e.getMessage().contains("','")
                        && e.getMessage().contains("'W'")
                        && e.getMessage().contains("'!'"),
                e.getMessage());
    }

    @Test
    void testBlockIsTheTailAndTargetsAreTheNextTokens() {
        String text = "abcdefghijklmnopqrstuvwxyz".repeat(4);
        TextData d = TextData.of("t", "mem", text, Tokenizer.chars(text), 5, 5, 0.25);
        assertEquals(TargetKind.STEP_CLASSES, d.targetKind());
        assertEquals(26, d.outputs());
        Compute.start(Compute.Threads.defaults());
        try (NDManager m = NDManager.newBaseManager()) {
            TensorDataset test = d.test(m);
            // 104 tokens: the last 26 are the test block, "abc…z" again
            assertEquals((26 - 6) / 5 + 1, test.size());
            assertArrayEquals(new float[] {0, 1, 2, 3, 4}, test.x().get(0).toFloatArray());
            assertArrayEquals(new long[] {1, 2, 3, 4, 5}, test.y().get(0).toLongArray());
            TensorDataset train = d.train(m);
            assertEquals((78 - 6) / 5 + 1, train.size());
            assertArrayEquals(new float[] {5, 6, 7, 8, 9}, train.x().get(1).toFloatArray());
        }
    }

    @Test
    void aContextLongerThanTheTextIsRefused() {
        DataException e =
                assertThrows(
                        DataException.class,
                        () ->
                                TextData.of(
                                        "t",
                                        "tiny.txt",
                                        "abcdefgh",
                                        Tokenizer.bytes(),
                                        16,
                                        16,
                                        0.5));
        assertTrue(e.getMessage().contains("context=16"), e.getMessage());
    }

    @Test
    void invalidUtf8IsRefusedWithItsOffset(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.txt");
        Files.write(f, new byte[] {'a', 'b', (byte) 0xC3, 'c'});
        DataException e =
                assertThrows(
                        DataException.class,
                        () -> new TextSpec(f, 2, Tokenizer.Kind.CHAR, 2, 0.5).load());
        assertTrue(e.getMessage().contains("offset 2"), e.getMessage());
    }
}
