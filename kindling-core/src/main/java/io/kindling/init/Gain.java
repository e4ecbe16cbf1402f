package io.kindling.init;

import io.kindling.nn.Activation;
import java.util.List;

/**
 * The recommended gain for a nonlinearity, exactly as PyTorch's {@code
 * torch.nn.init.calculate_gain}:
 *
 * <pre>
 * linear, conv1d, conv2d, conv3d, conv_transpose1d/2d/3d, sigmoid   1
 * tanh                                                              5/3
 * relu                                                              √2
 * leaky_relu(slope)                                                 √(2 / (1 + slope²))
 * selu                                                              3/4
 * </pre>
 *
 * <p>{@code selu}'s 3/4 is PyTorch's choice for self-normalizing nets initialized with {@code
 * kaiming_normal(nonlinearity=selu)}, not a variance-preserving gain.
 */
public final class Gain {

    /** Names {@link #of} accepts. */
    public static final List<String> NONLINEARITIES =
            List.of(
                    "linear",
                    "identity",
                    "conv1d",
                    "conv2d",
                    "conv3d",
                    "conv_transpose1d",
                    "conv_transpose2d",
                    "conv_transpose3d",
                    "sigmoid",
                    "tanh",
                    "relu",
                    "leaky_relu",
                    "selu");

    private Gain() {}

    /**
     * The gain for the activation that follows a layer, for {@code gain=auto} and {@code
     * nonlinearity=auto}. GELU has no PyTorch gain; Kindling uses ReLU's √2, since GELU(x) ≈
     * ReLU(x) away from 0.
     *
     * @param activation the following activation from the parameter's context
     * @return the gain
     */
    public static double of(Activation activation) {
        return switch (activation.name()) {
            case "gelu" -> of("relu", 0);
            case "leaky_relu" -> of("leaky_relu", activation.slope());
            default -> of(activation.name(), 0);
        };
    }

    /**
     * The {@link #NONLINEARITIES} name for an activation ({@code gelu} maps to {@code relu}).
     *
     * @param activation an activation
     * @return the name {@link #of(String, double)} takes
     */
    public static String nameOf(Activation activation) {
        return activation.name().equals("gelu") ? "relu" : activation.name();
    }

    /**
     * The gain for a nonlinearity.
     *
     * @param nonlinearity one of {@link #NONLINEARITIES}
     * @param slope negative slope, used by {@code leaky_relu} only
     * @return the gain
     */
    public static double of(String nonlinearity, double slope) {
        return switch (nonlinearity) {
            case "linear",
                    "identity",
                    "conv1d",
                    "conv2d",
                    "conv3d",
                    "conv_transpose1d",
                    "conv_transpose2d",
                    "conv_transpose3d",
                    "sigmoid" ->
                    1.0;
            case "tanh" -> 5.0 / 3.0;
            case "relu" -> Math.sqrt(2.0);
            case "leaky_relu" -> Math.sqrt(2.0 / (1 + slope * slope));
            case "selu" -> 3.0 / 4.0;
            default ->
                    throw new IllegalArgumentException(
                            "No gain for nonlinearity '"
                                    + nonlinearity
                                    + "'; known: "
                                    + String.join(", ", NONLINEARITIES));
        };
    }
}
