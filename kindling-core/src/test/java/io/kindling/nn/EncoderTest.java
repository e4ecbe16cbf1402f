package io.kindling.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.kindling.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The encoder family: what padding does and does not change, its tags, and its bad inputs. */
class EncoderTest {

    private static final int VOCAB = 9;

    /** Logits of one sequence, the model's weights seeded, the sequence padded to {@code steps}. */
    private static float[] logits(String expr, float[] tokens, int steps) {
        Model m = Models.REGISTRY.parse(expr).build(InputShape.tokens(steps, VOCAB), 3);
        try (NDManager manager = NDManager.newBaseManager()) {
            Families.initialize(m, "normal(std=0.5)", 3, manager);
            float[] row = new float[steps];
            System.arraycopy(tokens, 0, row, 0, tokens.length);
            NDArray x = manager.create(row, new Shape(1, steps));
            return m.block()
                    .forward(new ParameterStore(manager, false), new NDList(x), false)
                    .singletonOrThrow()
                    .toFloatArray();
        }
    }

    private static double gap(float[] a, float[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }

    @Test
    void paddingTokensChangeNothingWhenTheyAreMaskedAndSomethingWhenTheyAreNot() {
        float[] tokens = {4, 3, 6, 2};
        for (String pool : new String[] {"mean", "first"}) {
            String masked = "encoder(layers=2, width=8, heads=2, context=12, pool=" + pool;
            double withPad =
                    gap(
                            logits(masked + ", pad=0)", tokens, 5),
                            logits(masked + ", pad=0)", tokens, 11));
            assertTrue(
                    withPad < 1e-5,
                    pool + ": 1 vs 7 padding tokens moved the logits by " + withPad);
            double without = gap(logits(masked + ")", tokens, 5), logits(masked + ")", tokens, 11));
            assertTrue(
                    without > 1e-3, pool + ": unmasked padding must change the logits, " + without);
        }
    }

    @Test
    void everyStepSeesEveryStepSoTheFirstTokenReadsTheLast() {
        // a causal model's first step could never see the last token; the encoder's must
        String expr = "encoder(layers=1, width=8, heads=2, context=6, pool=first)";
        double change =
                gap(
                        logits(expr, new float[] {4, 3, 6, 2}, 4),
                        logits(expr, new float[] {4, 3, 6, 7}, 4));
        assertTrue(change > 1e-3, "the last token must reach the first step's vector: " + change);
    }

    @Test
    void itsParametersCarryTheTransformerProjections() {
        Model m =
                Models.REGISTRY
                        .parse("encoder(layers=2, width=8, heads=2, context=6)")
                        .build(InputShape.tokens(6, VOCAB), 3);
        assertEquals(
                "token_embedding", Families.context(m, "wte.weight").tag(Transformer.PROJECTION));
        assertEquals(
                "value",
                Families.context(m, "block2.attn.value.weight").tag(Transformer.PROJECTION));
        assertEquals("head", Families.context(m, "head.weight").tag(Transformer.PROJECTION));
        assertEquals(
                VOCAB, Families.context(m, "wte.weight").shape().get(0), "the data's vocabulary");
        assertEquals(
                new Shape(3, 8), Families.context(m, "head.weight").shape(), "one row per class");
        assertEquals(2, Families.context(m, "block1.mlp_out.weight").residual().branches());
        assertTrue(Families.context(m, "block1.mlp_out.weight").residualOut());
    }

    @Test
    void badArgumentsAndDataNameTheArgumentAndWhatFits() {
        String heads =
                assertThrows(
                                ConfigException.class,
                                () -> Models.REGISTRY.parse("encoder(width=10, heads=4)"))
                        .getMessage();
        assertTrue(heads.contains("heads=4") && heads.contains("divisor of width=10"), heads);
        String pad =
                assertThrows(ConfigException.class, () -> Models.REGISTRY.parse("encoder(pad=-3)"))
                        .getMessage();
        assertTrue(pad.contains("pad=-3") && pad.contains("token id >= 0"), pad);
        String images =
                assertThrows(ConfigException.class, () -> Families.build("encoder", Families.MNIST))
                        .getMessage();
        assertTrue(images.contains("reads token sequences"), images);
        String context =
                assertThrows(
                                ConfigException.class,
                                () ->
                                        Models.REGISTRY
                                                .parse("encoder(context=4)")
                                                .build(InputShape.tokens(6, VOCAB), 3))
                        .getMessage();
        assertTrue(context.contains("context is 4"), context);
    }
}
