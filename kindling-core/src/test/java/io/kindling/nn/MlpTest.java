package io.kindling.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import io.kindling.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MlpTest {

    @Test
    void everyParameterCarriesItsLayerContext() {
        Model m = Models.REGISTRY.parse("mlp(depth=2, width=32, activation=tanh)").build(784, 10);
        List<ParamContext> c = m.parameters().stream().map(ModelParameter::context).toList();
        assertEquals(6, c.size());
        ParamContext w1 = c.get(0);
        assertEquals("layer1.weight", w1.name());
        assertEquals(new Shape(32, 784), w1.shape());
        assertEquals(784, w1.fanIn());
        assertEquals(32, w1.fanOut());
        assertEquals(Role.WEIGHT, w1.role());
        assertEquals("tanh", w1.nonlinearity().name());
        assertTrue(w1.isFirst());
        ParamContext out = c.get(4);
        assertEquals("layer3.weight", out.name());
        assertEquals(new Shape(10, 32), out.shape());
        assertEquals("identity", out.nonlinearity().name());
        assertEquals(3, out.depthIndex());
        assertEquals(3, out.totalDepth());
        assertTrue(out.isLast());
        assertEquals(Role.BIAS, c.get(5).role());
    }

    @Test
    void batchNormAddsGainShiftAndUntrainedRunningStatistics() {
        Model m = Models.REGISTRY.parse("mlp(depth=1, width=8, norm=batch)").build(4, 3);
        List<Role> roles = m.parameters().stream().map(p -> p.context().role()).toList();
        assertEquals(
                List.of(
                        Role.WEIGHT,
                        Role.BIAS,
                        Role.GAIN,
                        Role.SHIFT,
                        Role.BUFFER,
                        Role.BUFFER,
                        Role.WEIGHT,
                        Role.BIAS),
                roles);
        assertEquals(6, m.trainable().size());
    }

    @Test
    void leakyReluSlopeRoundTripsThroughText() {
        ModelSpec spec =
                Models.REGISTRY.parse(
                        "mlp(depth=3, width=64, activation=leaky_relu(slope=0.2), dropout=0.1, norm=layer)");
        assertEquals(spec, Models.REGISTRY.parse(spec.print()));
        assertEquals(0.2, ((Mlp) spec).activation().slope());
    }

    @Test
    void dropoutOfOneIsRefusedWithItsValue() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> Models.REGISTRY.parse("mlp(dropout=1)"));
        assertTrue(e.getMessage().contains("dropout"), e.getMessage());
    }

    @Test
    void unknownActivationSuggestsTheClosest() {
        ConfigException e =
                assertThrows(
                        ConfigException.class, () -> Models.REGISTRY.parse("mlp(activation=rleu)"));
        assertTrue(e.getMessage().contains("relu"), e.getMessage());
    }
}
