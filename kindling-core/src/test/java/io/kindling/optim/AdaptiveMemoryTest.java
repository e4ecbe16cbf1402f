package io.kindling.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.kindling.engine.Compute;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Run as the trainer runs them (parameters and state temporarily attached to a per-step
 * sub-manager), the adaptive optimizers leave nothing behind in the run's manager: its array count
 * is the same after 20 and after 200 steps, and the state buffers survive the steps.
 */
class AdaptiveMemoryTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "adam(lr=0.01, weight_decay=0.1, amsgrad=true)",
                "adamw(lr=0.01, amsgrad=true)",
                "rmsprop(lr=0.001, weight_decay=0.1, momentum=0.9, centered=true)",
                "adagrad(lr=0.01, lr_decay=0.01, weight_decay=0.1, initial_accumulator_value=0.1)",
                "adadelta(weight_decay=0.1)",
                "adamax(lr=0.01, weight_decay=0.1)",
                "nadam(lr=0.01, weight_decay=0.1)",
                "radam(lr=0.01, weight_decay=0.1)",
            })
    void runManagerStaysFlat(String expr) {
        Compute.start(new Compute.Threads(1, 1));
        GradientTransform opt = Optimizers.REGISTRY.parse(expr);
        try (NDManager root = NDManager.newBaseManager("PyTorch")) {
            List<NDArray> params =
                    List.of(
                            root.randomNormal(new Shape(64, 32)).toType(DataType.FLOAT32, false),
                            root.randomNormal(new Shape(32)).toType(DataType.FLOAT32, false));
            TransformState state = opt.init(params, root);
            List<NDArray> attached = new ArrayList<>(params);
            attached.addAll(state.allArrays());
            NDArray[] everyArray = attached.toArray(NDArray[]::new);
            int afterWarmup = -1;
            for (int step = 1; step <= 200; step++) {
                try (NDManager scope = root.newSubManager()) {
                    scope.tempAttachAll(everyArray);
                    NDArray[] updates = new NDArray[params.size()];
                    for (int i = 0; i < updates.length; i++) {
                        NDArray p = params.get(i);
                        updates[i] = p.mul(3).add(p.sin());
                    }
                    opt.update(updates, state, params);
                    for (int i = 0; i < updates.length; i++) {
                        params.get(i).addi(updates[i]);
                    }
                }
                if (step == 20) {
                    afterWarmup = root.getManagedArrays().size();
                }
            }
            assertEquals(afterWarmup, root.getManagedArrays().size(), expr);
            for (NDArray buffer : state.allArrays()) {
                assertFalse(buffer.isReleased(), expr + " state buffer was freed");
                assertEquals(root, buffer.getManager(), expr + " state buffer manager");
            }
        }
    }
}
