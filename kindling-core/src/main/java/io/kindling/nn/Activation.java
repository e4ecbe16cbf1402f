package io.kindling.nn;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.config.Expressible;
import java.util.List;

/**
 * An elementwise nonlinearity, by name: {@code relu}, {@code leaky_relu(slope=0.01)}, {@code tanh},
 * {@code sigmoid}, {@code gelu}, {@code selu}, {@code identity}.
 *
 * @param name registry name
 * @param slope negative slope for {@code leaky_relu}; 0 for the others
 */
public record Activation(String name, double slope) implements Expressible {

    /** Names this class accepts. */
    public static final List<String> NAMES =
            List.of("relu", "leaky_relu", "tanh", "sigmoid", "gelu", "selu", "identity");

    public static final Activation RELU = new Activation("relu", 0);
    public static final Activation IDENTITY = new Activation("identity", 0);

    public Activation {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException(
                    "Unknown activation '" + name + "'; known: " + NAMES);
        }
    }

    /** The DJL block that applies this activation. */
    public Block block() {
        return switch (name) {
            case "relu" -> ai.djl.nn.Activation.reluBlock();
            case "leaky_relu" -> ai.djl.nn.Activation.leakyReluBlock((float) slope);
            case "tanh" -> ai.djl.nn.Activation.tanhBlock();
            case "sigmoid" -> ai.djl.nn.Activation.sigmoidBlock();
            case "gelu" -> ai.djl.nn.Activation.geluBlock();
            case "selu" -> ai.djl.nn.Activation.seluBlock();
            default -> Blocks.identityBlock();
        };
    }

    @Override
    public Call toExpr() {
        CallBuilder b = CallBuilder.call(name);
        if (name.equals("leaky_relu")) {
            b.arg("slope", slope);
        }
        return b.build();
    }
}
