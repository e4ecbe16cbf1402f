package io.kindling.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.kindling.data.Dataset;
import io.kindling.engine.Compute;
import io.kindling.init.InitPlan;
import io.kindling.init.Initializer;
import io.kindling.nn.Activation;
import io.kindling.nn.Model;
import io.kindling.nn.ParamContext;
import io.kindling.train.PreparedRun;
import io.kindling.train.TrainSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The time to initialize a model (or one lone tensor) in-process: the static pass of the plan —
 * every parameter sampled by its rule, on the engine's seeded generator — timed over fresh models,
 * the figure being the median. Building the (empty) model and loading data are not timed. A
 * data-dependent plan (LSUV) then runs once on a batch, and its report gives the time per forward
 * pass. The result lists every tensor's shape and initializer, so that a script can time PyTorch's
 * {@code torch.nn.init} on exactly the same shapes ({@code tools/bench/torch_init.py}).
 */
public final class InitBench {

    private InitBench() {}

    /**
     * What one benchmark measured.
     *
     * @param seconds median seconds of the static initialization
     * @param runs every run's seconds, in order (the first includes the JIT's warm-up)
     * @param parameters number of values initialized
     * @param tensors name, shape and initializer of every tensor initialized
     * @param dataPasses the data-dependent initializers' report lines (empty when none)
     * @param threads libtorch intra-op threads
     */
    public record Result(
            double seconds,
            double[] runs,
            long parameters,
            List<Map<String, Object>> tensors,
            List<String> dataPasses,
            int threads) {

        /** The JSON fields. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seconds", seconds);
            m.put("runs", runs);
            m.put("parameters", parameters);
            m.put("threads", threads);
            m.put("tensors", tensors);
            m.put("data_passes", dataPasses);
            return m;
        }
    }

    /**
     * Times the plan of {@code spec} on its model, {@code repeats} times.
     *
     * @param spec model, init plan, data (for the input shape and any data-dependent pass), seed
     *     and threads
     * @param repeats timed runs, ≥ 1
     * @return the timings
     */
    public static Result model(TrainSpec spec, int repeats) {
        Compute.start(spec.execution().threads());
        Dataset data = spec.input().data().load();
        double[] runs = new double[repeats];
        List<Map<String, Object>> tensors = new ArrayList<>();
        long count = 0;
        for (int r = 0; r < repeats; r++) {
            Model model = spec.network().model().build(data.inputShape(), data.outputs());
            try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
                Compute.seed(spec.execution().seed());
                long t0 = System.nanoTime();
                List<InitPlan.Entry> entries = spec.plan().apply(model, manager);
                runs[r] = (System.nanoTime() - t0) / 1e9;
                if (r == 0) {
                    for (InitPlan.Entry e : entries) {
                        ParamContext c = e.parameter().context();
                        tensors.add(
                                tensor(e.parameter().name(), c.shape(), e.rule().initializer()));
                        count += c.shape().size();
                    }
                }
            }
        }
        List<String> passes = List.of();
        if (spec.plan().needsData()) {
            try (PreparedRun run = new PreparedRun(spec)) {
                passes = run.initReport();
            }
        }
        return new Result(
                ThroughputBench.median(runs),
                runs,
                count,
                tensors,
                passes,
                Compute.threads().intraOp());
    }

    /**
     * Times one lone weight of {@code shape} drawn from {@code init}, {@code repeats} times.
     *
     * @param shape PyTorch layout (out, in, kernel…)
     * @param init the initializer
     * @param nonlinearity the activation assumed to follow (for {@code auto} gains)
     * @param threads libtorch threads
     * @param repeats timed runs, ≥ 1
     * @return the timings
     */
    public static Result tensor(
            Shape shape,
            Initializer init,
            Activation nonlinearity,
            Compute.Threads threads,
            int repeats) {
        Compute.start(threads);
        ParamContext context = ParamContext.ofWeight(shape, nonlinearity);
        double[] runs = new double[repeats];
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            for (int r = 0; r < repeats; r++) {
                Compute.seed(r);
                long t0 = System.nanoTime();
                NDArray a = init.sample(context, manager);
                runs[r] = (System.nanoTime() - t0) / 1e9;
                a.close();
            }
        }
        return new Result(
                ThroughputBench.median(runs),
                runs,
                shape.size(),
                List.of(tensor("weight", shape, init)),
                List.of(),
                Compute.threads().intraOp());
    }

    private static Map<String, Object> tensor(String name, Shape shape, Initializer init) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("shape", shape.getShape());
        m.put("init", init.print());
        return m;
    }
}
