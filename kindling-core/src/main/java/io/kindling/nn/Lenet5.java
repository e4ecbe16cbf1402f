package io.kindling.nn;

import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import java.util.List;

/**
 * LeNet-5 as commonly adapted to 28×28 images (the first convolution padded by 2, so that it sees
 * the 32×32 input of the original):
 *
 * <pre>
 * image → conv1 6@5×5 pad 2 → act → pool 2×2/2      6×28×28 → 6×14×14
 *       → conv2 16@5×5       → act → pool 2×2/2     16×10×10 → 16×5×5
 *       → flatten (400) → fc1 120 → act → fc2 84 → act → fc3 (classes)
 * </pre>
 *
 * Every layer has a bias. The original's subsampling layers were trainable average pools and its
 * output a layer of RBF units; here the pools are plain average (or max) pools and the output a
 * linear layer, as in most modern re-implementations.
 *
 * <p>LeCun, Bottou, Bengio &amp; Haffner, "Gradient-Based Learning Applied to Document
 * Recognition", Proc. IEEE 86(11), 1998. Example: {@code lenet5}, {@code lenet5(activation=relu,
 * pool=max)}.
 *
 * @param activation the nonlinearity after every layer but the last (default tanh)
 * @param pool {@code avg} or {@code max} (default avg)
 */
public record Lenet5(Activation activation, String pool) implements ModelSpec {

    /** Accepted values of {@code pool}; the first is the default. */
    public static final List<String> POOLS = List.of("avg", "max");

    public Lenet5 {
        if (!POOLS.contains(pool)) {
            throw new IllegalArgumentException(
                    "lenet5 pool must be one of " + POOLS + ", got " + pool);
        }
    }

    @Override
    public Model build(InputShape input, int outputs) {
        ModelBuilder b = new ModelBuilder(this, input).image();
        b.conv("conv1", 6, 5, 1, 2, 1, true, activation).activate(activation);
        pool(b);
        b.conv("conv2", 16, 5, 1, 0, 1, true, activation).activate(activation);
        pool(b);
        return b.flatten()
                .linear("fc1", 120, activation)
                .activate(activation)
                .linear("fc2", 84, activation)
                .activate(activation)
                .linear("fc3", outputs, Activation.IDENTITY)
                .build();
    }

    private void pool(ModelBuilder b) {
        if (pool.equals("max")) {
            b.maxPool(2, 2);
        } else {
            b.avgPool(2, 2);
        }
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("lenet5").arg("activation", activation).arg("pool", pool).build();
    }
}
