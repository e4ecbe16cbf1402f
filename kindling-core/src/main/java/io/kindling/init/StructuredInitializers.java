package io.kindling.init;

import io.kindling.config.ConfigException;
import io.kindling.config.Registry;
import io.kindling.nn.ParamContext;

/** Structured initializers: orthogonal, delta_orthogonal, sparse, identity. */
final class StructuredInitializers {

    private StructuredInitializers() {}

    static void register(Registry<Initializer> r) {
        r.register(
                        "orthogonal",
                        "W = gain·Q, Q Haar-random with orthonormal columns (or rows if"
                                + " wide), conv kernels flattened to (out, in·k…); default gain=1"
                                + " (Saxe et al. 2014)",
                        a -> new Orthogonal(GainArg.read(a, "gain", 1)))
                .register(
                        "delta_orthogonal",
                        "conv kernel zero except W[:, :, centre] = gain·Q,"
                                + " Q (out × in) orthogonal; needs out >= in; default gain=1"
                                + " (Xiao et al. 2018)",
                        a -> new DeltaOrthogonal(GainArg.read(a, "gain", 1)))
                .register(
                        "sparse",
                        "w ~ N(0, std²) with ⌈sparsity·rows⌉ zeros per column,"
                                + " as torch.nn.init.sparse_; default std=0.01 (Martens 2010)",
                        a -> new Sparse(a.number("sparsity"), a.number("std", 0.01)))
                .register(
                        "identity",
                        "W = scale·I for square matrices (IRNN, Le et al. 2015);"
                                + " default scale=1",
                        a -> new Identity(a.number("scale", 1)))
                .register(
                        "chrono",
                        "gate biases of an lstm/gru: b_f = log(U(1, t_max − 1)), b_i = −b_f"
                                + " (GRU: b_z), others 0 (Tallec & Ollivier 2018)",
                        a -> new Chrono(a.number("t_max")))
                .register(
                        "irnn",
                        "IRNN plan: recurrent weights identity, biases 0, other weights"
                                + " N(0, std²), default std=0.001 (Le et al. 2015)",
                        a -> new Irnn(a.number("std", 0.001)))
                .register(
                        "torch_default",
                        "PyTorch's layer defaults: U(±1/√H) in recurrent layers,"
                                + " U(±1/√fan_in) elsewhere, weights and biases",
                        a -> new TorchDefault());
    }

    /**
     * The error for a parameter whose shape an initializer cannot fill, naming both: {@code
     * orthogonal needs a tensor of rank >= 2 …; parameter 'fc.bias' has shape (10)}.
     */
    static ConfigException shapeError(String initializer, ParamContext context, String needs) {
        return new ConfigException(
                initializer
                        + " needs "
                        + needs
                        + "; parameter '"
                        + context.name()
                        + "' has shape "
                        + context.shape());
    }
}
