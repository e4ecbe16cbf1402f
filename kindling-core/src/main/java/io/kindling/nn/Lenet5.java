package io.kindling.nn;

import static io.kindling.config.ArgumentException.require;

import io.kindling.config.Args;
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
        require(
                POOLS.contains(pool),
                "lenet5",
                "pool",
                "one of avg, max" + io.kindling.config.Suggestions.didYouMean(pool, POOLS),
                pool);
    }

    /** What {@code kindling models} says about the family. */
    public static final String SUMMARY =
            "LeNet-5 (LeCun et al. 1998) for 28×28 images: two 5×5 convs with pooling, three"
                    + " linear layers";

    /** Reads {@code lenet5(...)}; every default is here and every rule in the constructor. */
    public static Lenet5 fromArgs(Args a) {
        return new Lenet5(Activations.read(a, "tanh"), a.string("pool", POOLS.get(0)));
    }

    @Override
    public Model build(InputShape input, int outputs) {
        Layer pooling = pool.equals("max") ? Convolution.maxPool(2, 2) : Convolution.avgPool(2, 2);
        return new ModelBuilder(this, input)
                .then(Convolution.images())
                .then(Convolution.conv("conv1", 6, 5, 1, 2, 1, true, activation))
                .activate(activation)
                .then(pooling)
                .then(Convolution.conv("conv2", 16, 5, 1, 0, 1, true, activation))
                .activate(activation)
                .then(pooling)
                .then(Dense.flatten())
                .then(Dense.linear("fc1", 120, activation))
                .activate(activation)
                .then(Dense.linear("fc2", 84, activation))
                .activate(activation)
                .then(Dense.linear("fc3", outputs, Activation.IDENTITY))
                .build();
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("lenet5").arg("activation", activation).arg("pool", pool).build();
    }
}
