package io.kindling.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.kindling.engine.Compute;
import io.kindling.engine.memory.Allocator;
import io.kindling.engine.memory.ProcessMemory;
import io.kindling.optim.GradientTransform;
import io.kindling.optim.Optimizers;
import io.kindling.optim.TransformState;
import java.util.ArrayList;
import java.util.List;

/**
 * The optimizer step alone, on a model made of many small tensors (where per-tensor overhead
 * dominates): Kindling's {@code adam} chain against DJL's own {@code Adam} (one fused native update
 * per tensor), same tensors, same gradients, in one process. Windows alternate; the figures are
 * optimizer steps per second and the ratio is the median of per-window ratios.
 */
public final class OptimizerBench {

    private OptimizerBench() {}

    /**
     * Runs the benchmark.
     *
     * @param tensors number of parameter tensors (half matrices, half vectors)
     * @param width side of each matrix and length of each vector
     * @param steps steps per timed window
     * @param windows timed windows per side
     * @param threads libtorch intra-op threads
     * @return steps per second for each side
     */
    public static ThroughputBench.Result run(
            int tensors, int width, int steps, int windows, Compute.Threads threads) {
        Engine engine = Compute.start(threads);
        try (NDManager root = NDManager.newBaseManager(engine.getEngineName())) {
            Compute.seed(0);
            List<NDArray> ours = new ArrayList<>();
            List<NDArray> theirs = new ArrayList<>();
            List<NDArray> grads = new ArrayList<>();
            for (int i = 0; i < tensors; i++) {
                Shape shape = i % 2 == 0 ? new Shape(width, width) : new Shape(width);
                ours.add(root.randomNormal(0, 0.1f, shape, DataType.FLOAT32));
                theirs.add(ours.get(i).duplicate());
                grads.add(root.randomNormal(0, 0.01f, shape, DataType.FLOAT32));
            }
            GradientTransform adam = Optimizers.REGISTRY.parse("adam(lr=0.001)");
            TransformState state = adam.init(ours, root);
            List<NDArray> attach = new ArrayList<>(ours);
            attach.addAll(grads);
            attach.addAll(state.allArrays());
            NDArray[] everyArray = attach.toArray(NDArray[]::new);
            Optimizer djl = Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.001f)).build();
            Runnable kindlingStep =
                    () -> {
                        try (NDManager scope = root.newSubManager()) {
                            scope.tempAttachAll(everyArray);
                            NDArray[] updates = grads.toArray(NDArray[]::new);
                            adam.update(updates, state, ours);
                            for (int i = 0; i < updates.length; i++) {
                                ours.get(i).addi(updates[i]);
                            }
                        }
                    };
            Runnable djlStep =
                    () -> {
                        for (int i = 0; i < theirs.size(); i++) {
                            djl.update("p" + i, theirs.get(i), grads.get(i));
                        }
                    };
            for (int i = 0; i < 20; i++) {
                kindlingStep.run();
                djlStep.run();
            }
            ProcessMemory warm = ProcessMemory.now();
            double[] k = new double[windows];
            double[] b = new double[windows];
            double[] kf = new double[windows];
            double[] bf = new double[windows];
            Runnable ourWindow = () -> repeat(kindlingStep, steps);
            Runnable djlWindow = () -> repeat(djlStep, steps);
            for (int w = 0; w < windows; w++) {
                if (w % 2 == 0) {
                    k[w] = ThroughputBench.timed(ourWindow, steps, kf, w, steps);
                    b[w] = ThroughputBench.timed(djlWindow, steps, bf, w, steps);
                } else {
                    b[w] = ThroughputBench.timed(djlWindow, steps, bf, w, steps);
                    k[w] = ThroughputBench.timed(ourWindow, steps, kf, w, steps);
                }
            }
            return new ThroughputBench.Result(
                    ThroughputBench.median(k),
                    ThroughputBench.median(b),
                    k,
                    b,
                    kf,
                    bf,
                    Allocator.current(),
                    warm,
                    ProcessMemory.now());
        }
    }

    private static void repeat(Runnable step, int steps) {
        for (int i = 0; i < steps; i++) {
            step.run();
        }
    }
}
