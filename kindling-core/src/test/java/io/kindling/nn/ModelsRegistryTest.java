package io.kindling.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every registered model round-trips through its text form: parse(print(x)) equals x. */
class ModelsRegistryTest {

    static final List<String> EXPRESSIONS =
            List.of(
                    "mlp",
                    "mlp(depth=3, width=64, activation=selu, dropout=0.1, dropout_type=alpha)",
                    "lenet5",
                    "lenet5(activation=relu, pool=max)",
                    "cnn",
                    "cnn(depth=7, width=8, activation=leaky_relu(slope=0.2), norm=batch, stages=2)",
                    "resnet",
                    "resnet(blocks=27, residual=fixup)",
                    "resnet(blocks=4, width=8, norm=none, residual=rezero, activation=gelu, stages=4)",
                    "resnet(residual=skipinit)",
                    "resmlp",
                    "resmlp(blocks=16, width=128, norm=layer, residual=rezero)",
                    "resmlp(residual=fixup, activation=tanh)",
                    "resmlp(norm=batch, residual=skipinit)",
                    "rnn",
                    "rnn(hidden=100, layers=2, activation=relu, head=steps)",
                    "lstm",
                    "lstm(hidden=128, layers=1)",
                    "gru(hidden=32, layers=3, head=steps)",
                    "gpt(layers=2, width=32, heads=4, context=16)",
                    "gpt(norm=deepnorm, tie_embeddings=false, dropout=0.1, vocab=65)",
                    "gpt(norm=none, mup_base_width=32)",
                    "encoder",
                    "encoder(layers=3, width=32, heads=2, context=16, norm=post, pool=first,"
                            + " pad=0, dropout=0.1)",
                    "encoder(norm=deepnorm, pad=none)");

    @Test
    void everyModelRoundTripsThroughItsText() {
        Set<String> covered = new HashSet<>();
        for (String expr : EXPRESSIONS) {
            ModelSpec spec = Models.REGISTRY.parse(expr);
            String printed = spec.print();
            assertEquals(spec, Models.REGISTRY.parse(printed), printed);
            assertEquals(printed, Models.REGISTRY.parse(printed).print());
            covered.add(spec.toExpr().name());
        }
        assertEquals(Models.REGISTRY.names(), covered);
    }

    @Test
    void defaultsArePrintedInFull() {
        assertEquals("lenet5(activation=tanh, pool=avg)", Models.REGISTRY.parse("lenet5").print());
        assertEquals(
                "cnn(depth=20, width=16, activation=relu, norm=none, stages=3)",
                Models.REGISTRY.parse("cnn").print());
        assertEquals(
                "resnet(blocks=9, width=16, norm=batch, residual=plain, activation=relu,"
                        + " stages=3)",
                Models.REGISTRY.parse("resnet").print());
        assertEquals(
                "resmlp(blocks=8, width=64, norm=none, residual=plain, activation=relu)",
                Models.REGISTRY.parse("resmlp").print());
        assertTrue(Models.REGISTRY.summary("resnet").contains("skipinit"));
        assertEquals(
                "rnn(hidden=64, layers=1, activation=tanh, head=last)",
                Models.REGISTRY.parse("rnn").print());
        assertEquals("lstm(hidden=64, layers=1, head=last)", Models.REGISTRY.parse("lstm").print());
    }
}
