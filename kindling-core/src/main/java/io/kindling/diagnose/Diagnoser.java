package io.kindling.diagnose;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.kindling.engine.Compute;
import io.kindling.nn.Activation;
import io.kindling.nn.LayerKind;
import io.kindling.nn.Model;
import io.kindling.nn.ModelParameter;
import io.kindling.nn.Probe;
import io.kindling.nn.ProbeKind;
import io.kindling.nn.ProbeSession;
import io.kindling.nn.Role;
import io.kindling.task.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One forward and backward pass at initialization on a real batch, read through the model's probes:
 * each weighted layer's pre- and post-activation statistics and its weight's gradient norm, and for
 * residual networks the stream's statistics after every block. The pass runs in training mode, so
 * batch norm normalizes with the batch's statistics as it will in training; dropout is quiet, and
 * batch norm's running statistics are put back afterwards, so a diagnosis leaves the model exactly
 * as it found it.
 */
public final class Diagnoser {

    private Diagnoser() {}

    /**
     * Measures every weighted layer and every residual block of a model.
     *
     * @param model an initialized model
     * @param task what the model is trained to do (its loss is differentiated)
     * @param store its parameter store
     * @param x a batch of inputs
     * @param y their labels
     * @return statistics per layer and per block and the batch loss, in a {@link Measured}
     */
    public static Measured measure(
            Model model, Task task, ParameterStore store, NDArray x, NDArray y) {
        List<ModelParameter> weights =
                model.parameters().stream()
                        .filter(
                                p ->
                                        p.context().role() == Role.WEIGHT
                                                && model.probe(
                                                                p.context().layerName(),
                                                                ProbeKind.OUTPUT)
                                                        .isPresent())
                        .toList();
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager scope = x.getManager().newSubManager()) {
            List<NDArray> attached = new ArrayList<>();
            model.parameters().forEach(p -> attached.add(p.array()));
            scope.tempAttachAll(attached.toArray(NDArray[]::new));
            Map<ModelParameter, NDArray> buffers = new LinkedHashMap<>();
            for (ModelParameter p : model.parameters()) {
                if (p.context().role() == Role.BUFFER) {
                    buffers.put(p, p.array().duplicate());
                }
            }
            Probe recurrent = recurrentProbe(model);
            if (recurrent != null) {
                x.setRequiresGradient(true);
            }
            try (ProbeSession probes = ProbeSession.open(true)) {
                double loss;
                try (GradientCollector tape = engine.newGradientCollector()) {
                    NDArray out =
                            model.block().forward(store, new NDList(x), true).singletonOrThrow();
                    NDArray l = task.loss(out, y);
                    tape.backward(l);
                    loss = l.getFloat();
                }
                List<LayerStats> stats = new ArrayList<>();
                for (ModelParameter w : weights) {
                    stats.add(layer(model, w, probes));
                }
                List<BlockStats> blocks = new ArrayList<>();
                for (Probe p : model.probes(ProbeKind.STREAM)) {
                    blocks.add(block(model, p, probes));
                }
                List<StepStats> steps =
                        recurrent == null
                                ? List.of()
                                : throughTime(probes.get(recurrent), x.getGradient());
                List<AttentionStats> attention = new ArrayList<>();
                for (Probe p : model.probes(ProbeKind.ATTENTION)) {
                    attention.add(attention(p, probes));
                }
                return new Measured(loss, stats, blocks, steps, attention);
            } finally {
                buffers.forEach((p, saved) -> Compute.copy(saved, p.array()));
                for (ModelParameter p : model.trainable()) {
                    Compute.zeroGradient(p.array());
                }
            }
        }
    }

    /**
     * Statistics and loss from {@link #measure}.
     *
     * @param loss the batch loss
     * @param layers per-layer statistics
     * @param blocks per-residual-block statistics (empty for models without residual blocks)
     * @param steps per-time-step statistics of a recurrent network (empty for other models)
     * @param attention per-attention entropy (empty for models without attention)
     */
    public record Measured(
            double loss,
            List<LayerStats> layers,
            List<BlockStats> blocks,
            List<StepStats> steps,
            List<AttentionStats> attention) {}

    /** The output probe of a recurrent layer (the top layer's hidden states), or null. */
    private static Probe recurrentProbe(Model model) {
        return model.parameters().stream()
                .filter(p -> p.context().layer() == LayerKind.RECURRENT)
                .reduce((a, b) -> b)
                .flatMap(p -> model.probe(p.context().layerName(), ProbeKind.OUTPUT))
                .orElse(null);
    }

    /**
     * Hidden-state statistics per step from {@code hidden} (N, T, H), and {@code ‖∂L/∂x_t‖} from
     * the input gradient (N, T·perStep), step-major.
     */
    private static List<StepStats> throughTime(NDArray hidden, NDArray inputGradient) {
        long n = hidden.getShape().get(0);
        int steps = Math.toIntExact(hidden.getShape().get(1));
        // (N, T, ·) → (T, N·…): one row per step, so each statistic is a mean over one axis
        NDArray h = hidden.toType(DataType.FLOAT64, true).transpose(1, 0, 2).reshape(steps, -1);
        NDArray mean = h.mean(new int[] {1});
        double[] means = mean.toDoubleArray();
        double[] stds =
                h.sub(mean.reshape(steps, 1)).square().mean(new int[] {1}).sqrt().toDoubleArray();
        double[] grads =
                inputGradient
                        .toType(DataType.FLOAT64, true)
                        .reshape(n, steps, -1)
                        .transpose(1, 0, 2)
                        .reshape(steps, -1)
                        .square()
                        .sum(new int[] {1})
                        .sqrt()
                        .toDoubleArray();
        List<StepStats> out = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            out.add(new StepStats(t, steps - 1 - t, means[t], stds[t], grads[t]));
        }
        return out;
    }

    /** Mean row entropy of attention probabilities (B, H, T, T) and its causal-uniform maximum. */
    private static AttentionStats attention(Probe probe, ProbeSession probes) {
        NDArray a = probes.get(probe);
        try (NDManager scratch = scratch(a)) {
            return attentionOf(probe, a);
        }
    }

    private static AttentionStats attentionOf(Probe probe, NDArray a) {
        // 0·ln 0 = 0 for the masked entries: clip before the log.
        NDArray entropy = a.mul(a.clip(1e-30f, 1f).log()).sum(new int[] {-1}).neg();
        long t = a.getShape().get(a.getShape().dimension() - 1);
        double uniform = 0;
        for (long i = 1; i <= t; i++) {
            uniform += Math.log(i);
        }
        return new AttentionStats(probe.layer(), entropy.mean().getFloat(), uniform / t);
    }

    private static LayerStats layer(Model model, ModelParameter w, ProbeSession probes) {
        String name = w.context().layerName();
        NDArray out = probes.get(model.probe(name, ProbeKind.OUTPUT).orElseThrow());
        NDArray pre = model.probe(name, ProbeKind.PRE).map(probes::get).orElse(out);
        NDArray post = model.probe(name, ProbeKind.POST).map(probes::get).orElse(pre);
        Activation act = w.context().nonlinearity();
        try (NDManager scratch = scratch(out, pre, post, w.array())) {
            double[] preMs = meanStd(pre);
            double[] postMs = meanStd(post);
            return new LayerStats(
                    name,
                    w.context().depthIndex(),
                    act.print(),
                    preMs[0],
                    preMs[1],
                    postMs[0],
                    postMs[1],
                    saturated(post, act),
                    dead(post, act),
                    norm(w.array().getGradient()),
                    meanStd(w.array())[1],
                    histogram(post));
        }
    }

    /**
     * A manager that holds, until it closes, every array computed from {@code inputs}: the inputs
     * are attached to it for that time and go back to their own managers afterwards. Statistics of
     * one layer thus free their temporaries before the next layer's (a 48-block GPT at batch 64
     * otherwise kept ~0.5 GB per block of histogram temporaries alive).
     */
    private static NDManager scratch(NDArray... inputs) {
        NDManager scratch = inputs[0].getManager().newSubManager();
        Set<NDArray> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        distinct.addAll(Arrays.asList(inputs));
        scratch.tempAttachAll(distinct.toArray(NDArray[]::new));
        return scratch;
    }

    private static BlockStats block(Model model, Probe probe, ProbeSession probes) {
        NDArray stream = probes.get(probe);
        List<NDArray> arrays = new ArrayList<>(List.of(stream));
        for (ModelParameter p : model.trainable()) {
            if (p.context().block().equals(probe.layer())) {
                arrays.add(p.array());
            }
        }
        try (NDManager scratch = scratch(arrays.toArray(NDArray[]::new))) {
            double[] ms = meanStd(stream);
            double squares = 0;
            for (NDArray a : arrays.subList(1, arrays.size())) {
                double n = norm(a.getGradient());
                squares += n * n;
            }
            return new BlockStats(probe.layer(), probe.index(), ms[0], ms[1], Math.sqrt(squares));
        }
    }

    private static final int BINS = 40;

    /** A 40-bin histogram of the values, counted on the engine. */
    static LayerStats.Histogram histogram(NDArray a) {
        NDArray d = a.toType(DataType.FLOAT64, true).flatten();
        double min = d.min().getDouble();
        double max = d.max().getDouble();
        if (!(max > min)) {
            long[] counts = new long[BINS];
            counts[BINS / 2] = d.size();
            return new LayerStats.Histogram(min - 0.5, max + 0.5, counts);
        }
        NDArray bins =
                d.sub(min)
                        .div((max - min) / BINS)
                        .floor()
                        .clip(0, BINS - 1)
                        .toType(DataType.INT64, false);
        long[] counts = new long[BINS];
        for (int b = 0; b < BINS; b++) {
            try (NDArray hit = bins.eq(b);
                    NDArray ones = hit.toType(DataType.INT64, false);
                    NDArray total = ones.sum()) {
                counts[b] = total.getLong();
            }
        }
        return new LayerStats.Histogram(min, max, counts);
    }

    static double[] meanStd(NDArray a) {
        NDArray d = a.toType(DataType.FLOAT64, true);
        double mean = d.mean().getDouble();
        double var = d.sub(mean).square().mean().getDouble();
        return new double[] {mean, Math.sqrt(var)};
    }

    private static double saturated(NDArray post, Activation act) {
        NDArray flat =
                switch (act.name()) {
                    case "tanh" -> post.abs().gt(0.99);
                    case "sigmoid" -> post.lt(0.01).logicalOr(post.gt(0.99));
                    default -> null;
                };
        return flat == null ? 0 : flat.toType(DataType.FLOAT64, false).mean().getDouble();
    }

    private static double dead(NDArray post, Activation act) {
        if (!act.name().equals("relu") && !act.name().equals("leaky_relu")) {
            return 0;
        }
        // A unit is dead when it is ≤ 0 for every example of the batch.
        NDArray never =
                post.lte(0)
                        .toType(DataType.INT32, false)
                        .sum(new int[] {0})
                        .eq(post.getShape().get(0));
        return never.toType(DataType.FLOAT64, false).mean().getDouble();
    }

    private static double norm(NDArray g) {
        NDArray d = g.toType(DataType.FLOAT64, true);
        return Math.sqrt(d.square().sum().getDouble());
    }
}
