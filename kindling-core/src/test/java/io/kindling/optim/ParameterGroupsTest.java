package io.kindling.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.kindling.config.ConfigException;
import io.kindling.engine.Compute;
import io.kindling.nn.Model;
import io.kindling.nn.ModelParameter;
import io.kindling.nn.Models;
import io.kindling.nn.ParamContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterGroupsTest {

    static List<ParamContext> contexts() {
        Model m = Models.REGISTRY.parse("mlp(depth=1, width=2)").build(3, 2);
        return m.trainable().stream().map(ModelParameter::context).toList();
    }

    @Test
    void eachParameterGetsItsGroupsRuleAndState() {
        Compute.start(new Compute.Threads(1, 1));
        GradientTransform groups =
                Optimizers.REGISTRY.parse(
                        "groups(match=['role=bias', '*'],"
                                + " optimizers=[sgd(lr=0.1), sgd(lr=0.1, weight_decay=1.0, momentum=0.5)])");
        List<ParamContext> ctx = contexts();
        GradientTransform bound = groups.bind(ctx);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            List<NDArray> params =
                    ctx.stream().map(c -> m.ones(c.shape(), DataType.FLOAT64)).toList();
            TransformState state = bound.init(params, m);
            for (int step = 0; step < 2; step++) {
                NDArray[] updates = params.stream().map(NDArray::zerosLike).toArray(NDArray[]::new);
                bound.update(updates, state, params);
                for (int i = 0; i < updates.length; i++) {
                    params.get(i).addi(updates[i]);
                }
            }
            // Biases (zero gradient, no decay) stay 1; weights decay with momentum:
            // step 1: b = 1, p = 1 − 0.1 = 0.9; step 2: b = 0.5·1 + 0.9 = 1.4, p = 0.9 − 0.14.
            assertArrayEquals(new double[] {1, 1}, params.get(1).toDoubleArray(), 0);
            for (double v : params.get(0).toDoubleArray()) {
                assertEquals(0.76, v, 1e-12);
            }
        }
        assertEquals(groups, Optimizers.REGISTRY.parse(groups.print()));
        assertEquals(groups.print(), bound.print());
    }

    @Test
    void aParameterNoGroupMatchesIsNamed() {
        GradientTransform groups =
                Optimizers.REGISTRY.parse(
                        "groups(match=['role=weight'], optimizers=[sgd(lr=0.1)])");
        ConfigException e = assertThrows(ConfigException.class, () -> groups.bind(contexts()));
        assertTrue(e.getMessage().contains("layer1.bias"), e.getMessage());
    }

    @Test
    void mismatchedListsAreRefused() {
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () ->
                                Optimizers.REGISTRY.parse(
                                        "groups(match=['*', 'role=bias'], optimizers=[sgd(lr=0.1)])"));
        assertTrue(e.getMessage().contains("2 selectors and 1 optimizers"), e.getMessage());
    }

    @Test
    void groupsInsideAChainAreBoundToo() {
        GradientTransform chain =
                Optimizers.REGISTRY.parse(
                        "chain(transforms=["
                                + "clip_by_global_norm(max_norm=1.0), groups(match=['*'], optimizers=[adam(lr=0.01)])])");
        GradientTransform bound = chain.bind(contexts());
        assertEquals(chain.print(), bound.print());
        assertEquals(new Shape(2, 3), contexts().get(0).shape());
    }
}
