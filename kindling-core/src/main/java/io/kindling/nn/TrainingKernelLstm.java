package io.kindling.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.nn.recurrent.RecurrentBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.kindling.engine.Compute;

/**
 * DJL's fused LSTM ({@code torch.lstm}, the same parameters in the same order), except that it
 * always runs libtorch's <em>training</em> kernel, also when the model is evaluated.
 *
 * <p>Why: libtorch hands a float LSTM to oneDNN, which picks its kernel by the CPU's instruction
 * set and, through libtorch, by grad mode (grad mode on: the training kernel; off: the inference
 * kernel; the {@code train} argument does not decide it). In the oneDNN 3.7.1 that DJL's libtorch
 * 2.7.1 carries, the AVX-512 {@code brgemm} <em>inference</em> kernel computes wrong outputs on
 * some AVX-512 CPUs when the hidden size H has {@code H mod 32} in 1..16 (found on an AMD EPYC with
 * AVX-512 VP2INTERSECT: up to 100% of the output's scale); the training kernel, the backward pass
 * and every AVX2 kernel are right there, and PyTorch 2.13 (oneDNN 3.12) is right on the same
 * machine. So evaluation, early stopping, model selection and every reported validation or test
 * figure of an LSTM went through the one faulty path. Evaluating through the training kernel takes
 * the path that training already proves, on every CPU, with no process-wide switch: convolutions
 * keep oneDNN's fastest kernels.
 *
 * <p>It is the same function: with {@code dropout = 0} (DJL's default; Kindling never sets another)
 * the training kernel differs from the inference kernel only in the workspace it keeps for a
 * backward pass. At evaluation grad mode goes on around the one call, whose inputs are detached
 * views, so nothing is recorded. {@code RecurrentKernelsMatchTorchTest} checks inference, training
 * and gradients against PyTorch at hidden sizes on both sides of every {@code H mod 32} boundary,
 * and the engine self-check ({@code kindling doctor}) does the same on the user's machine before a
 * run starts.
 */
final class TrainingKernelLstm extends RecurrentBlock {

    private TrainingKernelLstm(LSTM.Builder builder) {
        super(builder);
        gates = 4;
        if (dropRate != 0f) {
            throw new IllegalArgumentException(
                    "TrainingKernelLstm evaluates through the training kernel, which would apply"
                            + " dropout at evaluation; got dropout "
                            + dropRate
                            + ", accepted: 0");
        }
    }

    /** {@code layers} stacked LSTM layers of {@code hidden} units, batch-first. */
    static TrainingKernelLstm of(int hidden, int layers) {
        LSTM.Builder b = LSTM.builder().setStateSize(hidden).setNumLayers(layers);
        b.optBatchFirst(true);
        return new TrainingKernelLstm(b);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray input = inputs.head();
        Device device = input.getDevice();
        NDList weights = new NDList();
        for (Parameter parameter : parameters.values()) {
            weights.add(parameterStore.getValue(parameter, device, training));
        }
        NDList state = new NDList();
        if (inputs.size() == 1) {
            Shape stateShape =
                    new Shape(
                            (long) numLayers * getNumDirections(),
                            input.size(batchFirst ? 0 : 1),
                            stateSize);
            state.add(input.getManager().zeros(stateShape));
            state.add(input.getManager().zeros(stateShape));
        } else {
            state.add(inputs.get(1));
            state.add(inputs.get(2));
        }
        NDList outputs =
                Compute.recordsGradients()
                        ? lstm(input, state, weights)
                        : evaluate(input, state, weights);
        if (returnState) {
            return outputs;
        }
        outputs.stream().skip(1).forEach(NDArray::close);
        return new NDList(outputs.get(0));
    }

    /**
     * The forward pass with gradients off (evaluation): libtorch picks oneDNN's LSTM kernel by grad
     * mode, so grad mode goes on around the call, and the call sees detached views of the weights
     * and input so that it records nothing.
     */
    private NDList evaluate(NDArray input, NDList state, NDList weights) {
        try (NDList detached = new NDList()) {
            NDArray x = input.stopGradient();
            detached.add(x);
            NDList w = new NDList();
            for (NDArray weight : weights) {
                NDArray d = weight.stopGradient();
                detached.add(d);
                w.add(d);
            }
            return Compute.withGradMode(() -> lstm(x, state, w));
        }
    }

    private NDList lstm(NDArray input, NDList state, NDList weights) {
        return input.getNDArrayInternal()
                .lstm(
                        input,
                        state,
                        weights,
                        hasBiases,
                        numLayers,
                        dropRate,
                        true,
                        bidirectional,
                        batchFirst);
    }
}
