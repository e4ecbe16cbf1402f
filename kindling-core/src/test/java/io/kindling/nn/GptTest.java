package io.kindling.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.kindling.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The gpt family: causal masking, the context every parameter records, and refused input. */
class GptTest {

    private static final InputShape TOKENS = InputShape.tokens(6, 11);

    private static Model gpt(String expr) {
        return Models.REGISTRY.parse(expr).build(TOKENS, 11);
    }

    @Test
    void outputAtStepTDoesNotChangeWhenLaterTokensChange() {
        Model m = gpt("gpt(layers=2, width=16, heads=4, context=8)");
        try (NDManager manager = NDManager.newBaseManager()) {
            Families.initialize(m, "normal(std=0.5)", 3, manager);
            ParameterStore store = new ParameterStore(manager, false);
            float[] a = {1, 4, 2, 7, 3, 9};
            float[] b = {1, 4, 2, 0, 10, 5}; // differs from step 3 on
            NDArray ya = forward(m, store, manager, a);
            NDArray yb = forward(m, store, manager, b);
            float[] fa = ya.toFloatArray();
            float[] fb = yb.toFloatArray();
            int vocab = 11;
            for (int i = 0; i < 3 * vocab; i++) {
                assertEquals(fa[i], fb[i], 1e-6, "step " + i / vocab + " saw a later token");
            }
            double later = 0;
            for (int i = 3 * vocab; i < fa.length; i++) {
                later = Math.max(later, Math.abs(fa[i] - fb[i]));
            }
            assertTrue(later > 1e-3, "steps 3.. should see their own tokens, max change " + later);
        }
    }

    private static NDArray forward(
            Model m, ParameterStore store, NDManager manager, float[] tokens) {
        NDArray x = manager.create(tokens, new Shape(1, tokens.length));
        return m.block().forward(store, new NDList(x), false).singletonOrThrow();
    }

    @Test
    void everyProjectionKnowsItsRoleAndTheBlocksAreTheBranches() {
        Model m = gpt("gpt(layers=3, width=8, heads=2, context=6, tie_embeddings=false)");
        ParamContext wte = Families.context(m, "wte.weight");
        assertEquals(LayerKind.EMBEDDING, wte.layer());
        assertEquals("token_embedding", wte.tag(Transformer.PROJECTION));
        assertEquals(8, wte.fanIn(), "PyTorch's fan-in of a (num, dim) weight is dim");
        assertEquals(11, wte.fanOut());
        assertEquals(
                "position_embedding",
                Families.context(m, "wpe.weight").tag(Transformer.PROJECTION));
        ParamContext out = Families.context(m, "block2.attn.attention_out.weight");
        assertEquals("attention_out", out.tag(Transformer.PROJECTION));
        assertTrue(out.residualOut());
        assertEquals(3, out.residual().branches(), "a block counts once (GPT-2's n_layer)");
        assertFalse(Families.context(m, "block2.attn.query.weight").residualOut());
        assertEquals(
                "value", Families.context(m, "block2.attn.value.bias").tag(Transformer.PROJECTION));
        assertTrue(Families.context(m, "block3.mlp_out.weight").residualOut());
        assertEquals(
                "mlp_in", Families.context(m, "block3.mlp_in.weight").tag(Transformer.PROJECTION));
        assertEquals(32, Families.context(m, "block3.mlp_out.weight").fanIn());
        assertEquals("", Families.context(m, "block1.ln_1.gain").tag(Transformer.PROJECTION));
        ParamContext head = Families.context(m, "head.weight");
        assertEquals("head", head.tag(Transformer.PROJECTION));
        assertTrue(head.isLast());
        assertEquals(6, m.probes(ProbeKind.STREAM).size(), "a stream probe per sublayer");
        assertEquals(3, m.probes(ProbeKind.ATTENTION).size());
    }

    @Test
    void widthNotDivisibleByHeadsIsRefusedNamingBoth() {
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () -> Models.REGISTRY.parse("gpt(layers=2, width=10, heads=4)"));
        assertTrue(
                e.getMessage().contains("heads") && e.getMessage().contains("width=10"),
                e.getMessage());
    }

    @Test
    void sequencesLongerThanTheContextAreRefused() {
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () -> gpt("gpt(layers=1, width=8, heads=2, context=4)"));
        assertTrue(
                e.getMessage().contains("6 steps") && e.getMessage().contains("context is 4"),
                e.getMessage());
    }

    @Test
    void aVocabularyOtherThanTheDataIsRefused() {
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () -> gpt("gpt(layers=1, width=8, heads=2, context=6, vocab=50)"));
        assertTrue(e.getMessage().contains("vocab=50"), e.getMessage());
    }

    @Test
    void tablesAreRefusedWithAPointerToTextData() {
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () ->
                                Models.REGISTRY
                                        .parse("gpt(layers=1, width=8, heads=2)")
                                        .build(784, 10));
        assertTrue(e.getMessage().contains("text("), e.getMessage());
    }

    @Test
    void expressionRoundTrips() {
        String text =
                "gpt(layers=2, width=16, heads=4, context=8, vocab=auto, norm=deepnorm,"
                        + " tie_embeddings=false, dropout=0.1)";
        ModelSpec spec = Models.REGISTRY.parse(text);
        assertEquals(spec, Models.REGISTRY.parse(spec.print()));
        assertEquals(Transformer.Placement.DEEPNORM, ((Gpt) spec).norm());
    }
}
