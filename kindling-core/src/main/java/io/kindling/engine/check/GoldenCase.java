package io.kindling.engine.check;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case of a golden set: an operation Kindling uses, its arguments, its deterministic input and
 * parameters, and what PyTorch computed for it in float64 — the output in inference mode ({@code
 * module.eval()} under {@code torch.no_grad()}), the output in training mode, and the gradients of
 * {@code L = Σ y[k]·cos(0.07k)} with respect to the input and every trainable parameter.
 *
 * @param name a readable name, e.g. {@code lstm(hidden=17, layers=1) on 2×3×4}
 * @param op the operation: {@code lstm}, {@code gru}, {@code rnn_tanh}, {@code conv2d}, {@code
 *     batch_norm}, {@code layer_norm}, {@code attention} or {@code linear}
 * @param args the operation's arguments (hidden, layers, out, kernel, …)
 * @param tensors the input first, then the parameters and buffers in PyTorch's order
 * @param inference the output in inference mode
 * @param training the output in training mode
 * @param gradients by name ({@code input}, then the trainable parameters in order)
 */
public record GoldenCase(
        String name,
        String op,
        Map<String, Double> args,
        List<CaseTensor> tensors,
        GoldenTensor inference,
        GoldenTensor training,
        Map<String, GoldenTensor> gradients) {

    public GoldenCase {
        args = args == null ? Map.of() : Map.copyOf(args);
        tensors = List.copyOf(tensors);
        gradients = Collections.unmodifiableMap(new LinkedHashMap<>(gradients));
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("golden case " + name + " has no input");
        }
    }

    /** The input, the first tensor. */
    public CaseTensor input() {
        return tensors.get(0);
    }

    /** The parameters and buffers, in PyTorch's order. */
    public List<CaseTensor> parameters() {
        return tensors.subList(1, tensors.size());
    }

    /** The golden tensor of one mode: the output for inference and training. */
    public GoldenTensor output(Mode mode) {
        return mode == Mode.TRAINING ? training : inference;
    }

    /**
     * A whole-number argument.
     *
     * @throws IllegalArgumentException if the case lacks it
     */
    public int intArg(String key) {
        return (int) Math.round(arg(key));
    }

    /**
     * An argument.
     *
     * @throws IllegalArgumentException if the case lacks it
     */
    public double arg(String key) {
        Double v = args.get(key);
        if (v == null) {
            throw new IllegalArgumentException(
                    "golden case " + name + " lacks the argument " + key + "; it has " + args);
        }
        return v;
    }
}
