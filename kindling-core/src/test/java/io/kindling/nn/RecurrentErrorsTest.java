package io.kindling.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import io.kindling.config.ConfigException;
import org.junit.jupiter.api.Test;

/** Recurrent models refuse what they cannot build before any tensor exists, and build the rest. */
class RecurrentErrorsTest {

    @Test
    void hiddenBelowOneIsRefusedNamingTheArgument() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> Models.REGISTRY.parse("lstm(hidden=0)"));
        assertTrue(e.getMessage().contains("hidden"), e.getMessage());
        assertTrue(e.getMessage().contains(">= 1"), e.getMessage());
        assertThrows(ConfigException.class, () -> Models.REGISTRY.parse("gru(layers=0)"));
        assertThrows(ConfigException.class, () -> Models.REGISTRY.parse("rnn(activation=sigmoid)"));
    }

    @Test
    void aTableOrImagesAreRefusedForARecurrentModel() {
        ModelSpec lstm = Models.REGISTRY.parse("lstm(hidden=8)");
        ConfigException e =
                assertThrows(ConfigException.class, () -> lstm.build(InputShape.flat(20), 2));
        assertTrue(e.getMessage().contains("a table of 20 features"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> lstm.build(InputShape.image(1, 28, 28), 10));
        assertTrue(e.getMessage().contains("images"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> lstm.build(InputShape.tokens(10, 5), 5));
        assertTrue(e.getMessage().contains("embedding"), e.getMessage());
    }

    @Test
    void gatedParametersCarryOneContextPerGateWithItsOwnFans() {
        Model m =
                Models.REGISTRY
                        .parse("gru(hidden=6, layers=2)")
                        .build(InputShape.sequence(7, 3), 1);
        ModelParameter wih = m.parameters().get(0);
        assertEquals("gru.weight_ih_l0", wih.name());
        assertEquals(Role.WEIGHT, wih.context().role());
        assertEquals(18, wih.context().fanOut());
        assertEquals(
                java.util.List.of("reset", "update", "new"),
                wih.slices().stream().map(c -> c.tag(Recurrence.GATE)).toList());
        ParamContext update = wih.slices().get(1);
        assertEquals("gru.weight_ih_l0[update]", update.name());
        assertEquals(new Shape(6, 3), update.shape());
        assertEquals(3, update.fanIn());
        assertEquals(6, update.fanOut());
        assertEquals(Role.RECURRENT, m.parameters().get(1).context().role());
        assertEquals(Role.RECURRENT_BIAS, m.parameters().get(3).context().role());
        assertEquals(2, m.parameters().get(4).context().depthIndex());
        assertEquals(6, m.parameters().get(4).context().fanIn());
        assertTrue(m.parameters().get(8).slices().isEmpty(), "the head is not sliced");
        assertEquals(3, m.parameters().get(8).context().totalDepth());
    }
}
