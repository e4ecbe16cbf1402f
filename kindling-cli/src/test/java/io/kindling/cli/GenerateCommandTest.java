package io.kindling.cli;

import static io.kindling.cli.KindlingCliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train a tiny gpt on text → generate: seeded, prompt checked against the vocabulary. */
class GenerateCommandTest {

    @TempDir static Path tmp;
    static Path runDir;

    @BeforeAll
    static void train() throws Exception {
        Path text = tmp.resolve("corpus.txt");
        Files.writeString(text, "the cat sat on the mat. ".repeat(60));
        runDir = tmp.resolve("run");
        var t =
                run(
                        "train",
                        "--model",
                        "gpt(layers=1, width=16, heads=2, context=16)",
                        "--data",
                        "text(path='" + text + "', context=16)",
                        "--init",
                        "gpt2",
                        "--optimizer",
                        "adamw(lr=0.01)",
                        "--steps",
                        "20",
                        "--batch",
                        "16",
                        "--threads",
                        "1",
                        "--checkpoint-every",
                        "20",
                        "--out",
                        runDir.toString());
        assertEquals(0, t.code(), t.err());
    }

    @Test
    void theSameSeedGivesTheSameTextAndAnotherSeedOther() {
        String[] base = {"generate", runDir.toString(), "--prompt", "the ", "--tokens", "40"};
        var a = run(concat(base, "--seed", "1"));
        var b = run(concat(base, "--seed", "1"));
        var c = run(concat(base, "--seed", "2"));
        assertEquals(0, a.code(), a.err());
        assertTrue(a.out().startsWith("the "), a.out());
        assertEquals("the ".length() + 40 + 1, a.out().length(), "prompt + 40 chars + newline");
        assertEquals(a.out(), b.out());
        assertNotEquals(a.out(), c.out());
    }

    @Test
    void aPromptOutsideTheVocabularyIsRefusedNamingTheCharacters() {
        var o = run("generate", runDir.toString(), "--prompt", "the DOG!", "--tokens", "5");
        assertEquals(2, o.code(), o.out());
        assertTrue(
                o.err().contains("'D'") && o.err().contains("'!'") && o.err().contains("'G'"),
                o.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
