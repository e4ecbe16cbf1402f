package io.kindling.diagnose;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.kindling.engine.Compute;
import io.kindling.metrics.CrossEntropy;
import io.kindling.nn.Activation;
import io.kindling.nn.Model;
import io.kindling.nn.ModelParameter;
import io.kindling.nn.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * One forward and backward pass at initialization on a real batch, block by block, recording
 * each weighted layer's pre- and post-activation statistics and its weight's gradient norm.
 * Dropout is off (inference mode); gradients still flow.
 */
public final class Diagnoser {

    private Diagnoser() {}

    /**
     * Measures every weighted layer of a sequential model.
     *
     * @param model an initialized model whose block is sequential
     * @param store its parameter store
     * @param x a batch of inputs
     * @param y their labels
     * @return statistics per layer and the batch loss, in a {@link Measured}
     */
    public static Measured measure(Model model, ParameterStore store, NDArray x, NDArray y) {
        if (!(model.block() instanceof SequentialBlock seq)) {
            throw new IllegalArgumentException("diagnose needs a sequential model, got "
                    + model.spec().print());
        }
        List<ModelParameter> weights = model.parameters().stream()
                .filter(p -> p.context().role() == Role.WEIGHT).toList();
        List<Pair<String, Block>> children = new ArrayList<>();
        seq.getChildren().forEach(children::add);
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager scope = x.getManager().newSubManager()) {
            List<NDArray> attached = new ArrayList<>();
            model.parameters().forEach(p -> attached.add(p.array()));
            scope.tempAttachAll(attached.toArray(NDArray[]::new));
            NDArray[] outputs = new NDArray[children.size()];
            double loss;
            try (GradientCollector tape = engine.newGradientCollector()) {
                NDList h = new NDList(x);
                for (int i = 0; i < children.size(); i++) {
                    h = children.get(i).getValue().forward(store, h, false);
                    outputs[i] = h.singletonOrThrow();
                }
                NDArray l = CrossEntropy.mean(outputs[outputs.length - 1], y);
                tape.backward(l);
                loss = l.getFloat();
            }
            List<LayerStats> stats = new ArrayList<>();
            for (ModelParameter w : weights) {
                stats.add(layer(w, children, outputs));
            }
            for (ModelParameter p : model.trainable()) {
                Compute.zeroGradient(p.array());
            }
            return new Measured(loss, stats);
        }
    }

    /**
     * Statistics and loss from {@link #measure}.
     *
     * @param loss the batch loss
     * @param layers per-layer statistics
     */
    public record Measured(double loss, List<LayerStats> layers) {}

    private static LayerStats layer(ModelParameter w, List<Pair<String, Block>> children,
            NDArray[] outputs) {
        int c = 0;
        while (!owns(children.get(c).getValue(), w)) {
            c++;
        }
        int last = c;
        while (last + 1 < children.size()
                && !children.get(last + 1).getValue().getParameters().isEmpty()) {
            last++;
        }
        Activation act = w.context().nonlinearity();
        boolean hasActivation = !act.name().equals("identity") && last + 1 < children.size();
        NDArray pre = outputs[last];
        NDArray post = hasActivation ? outputs[last + 1] : pre;
        double[] preMs = meanStd(pre);
        double[] postMs = meanStd(post);
        String name = w.name().substring(0, w.name().indexOf('.'));
        return new LayerStats(name, w.context().depthIndex(), act.print(), preMs[0], preMs[1],
                postMs[0], postMs[1], saturated(post, act), dead(post, act),
                norm(w.array().getGradient()), meanStd(w.array())[1], histogram(post));
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
        NDArray bins = d.sub(min).div((max - min) / BINS).floor().clip(0, BINS - 1)
                .toType(DataType.INT64, false);
        long[] counts = new long[BINS];
        for (int b = 0; b < BINS; b++) {
            counts[b] = bins.eq(b).toType(DataType.INT64, false).sum().getLong();
        }
        return new LayerStats.Histogram(min, max, counts);
    }

    private static boolean owns(Block block, ModelParameter w) {
        return block.getParameters().values().stream().anyMatch(p -> p == w.parameter());
    }

    static double[] meanStd(NDArray a) {
        NDArray d = a.toType(DataType.FLOAT64, true);
        double mean = d.mean().getDouble();
        double var = d.sub(mean).square().mean().getDouble();
        return new double[] {mean, Math.sqrt(var)};
    }

    private static double saturated(NDArray post, Activation act) {
        NDArray flat = switch (act.name()) {
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
        NDArray never = post.lte(0).toType(DataType.INT32, false).sum(new int[] {0})
                .eq(post.getShape().get(0));
        return never.toType(DataType.FLOAT64, false).mean().getDouble();
    }

    private static double norm(NDArray g) {
        NDArray d = g.toType(DataType.FLOAT64, true);
        return Math.sqrt(d.square().sum().getDouble());
    }
}
