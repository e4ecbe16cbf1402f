package io.kindling.engine.check;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.kindling.engine.Compute;
import io.kindling.nn.Model;
import io.kindling.nn.ModelParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs golden cases through Kindling's own blocks (built by {@link CaseModels} with the model
 * builder every family uses) and compares each with PyTorch's float64 values in three modes: the
 * forward pass with gradients off (how evaluation, early stopping and every reported figure run),
 * the forward pass inside a gradient collector with {@code training = true} (how a step runs), and
 * the gradients of {@code L = Σ y[k]·cos(0.07k)} from that pass.
 *
 * <p>Why three modes: libtorch may pick a different kernel for each. oneDNN's LSTM has an inference
 * and a training kernel, chosen by grad mode; the inference kernel of the oneDNN in DJL's libtorch
 * 2.7.1 is wrong on some AVX-512 CPUs, which is why Kindling's LSTM evaluates through the training
 * kernel. {@link #diagnose} adds one row that calls DJL's own fused LSTM in inference mode — the
 * raw inference kernel Kindling no longer uses — so {@code kindling doctor} can show whether this
 * CPU is affected; that row never decides whether the engine is healthy.
 */
public final class EngineCheck {

    /** The label of the diagnostic row. */
    public static final String LIBTORCH_LSTM =
            "lstm, libtorch inference kernel (not used by Kindling)";

    private static final Pattern RECURRENT_NAME = Pattern.compile("(weight|bias)_(ih|hh)_l(\\d+)");

    private EngineCheck() {}

    /**
     * Checks every case of {@code set} in the three modes, on the engine as started (it is started
     * with the current thread counts if it was not). Must not be called inside a gradient
     * collector: DJL allows one at a time.
     *
     * @return one row per case and mode, in order, with the facts of this machine and the time
     */
    public static EngineReport run(GoldenSet set) {
        Compute.start(Compute.threads());
        long start = System.nanoTime();
        List<CheckRow> rows = new ArrayList<>();
        for (GoldenCase c : set.cases()) {
            rows.addAll(run(c));
        }
        double millis = (System.nanoTime() - start) / 1e6;
        return new EngineReport(EngineFacts.here(), rows, List.of(), millis);
    }

    /** {@link #run} plus the diagnostic row of libtorch's raw LSTM inference kernel. */
    public static EngineReport diagnose(GoldenSet set) {
        EngineReport report = run(set);
        CheckRow raw = libtorchLstm(set);
        return raw == null ? report : report.withDiagnostics(List.of(raw));
    }

    /**
     * One case in the three modes.
     *
     * @return the rows for inference, training and backward
     * @throws IllegalStateException if the case's tensors do not fit Kindling's block (a golden
     *     file that does not belong to this version)
     */
    public static List<CheckRow> run(GoldenCase c) {
        Model model = CaseModels.build(c);
        List<ModelParameter> params = model.parameters();
        List<CaseTensor> patterns = c.parameters();
        if (params.size() != patterns.size()) {
            throw new IllegalStateException(
                    "golden case "
                            + c.name()
                            + " lists "
                            + patterns.size()
                            + " parameters, Kindling's block has "
                            + params.size()
                            + ": "
                            + params.stream().map(ModelParameter::name).toList());
        }
        for (int i = 0; i < params.size(); i++) {
            fill(c, params.get(i).parameter(), params.get(i).context().shape(), patterns.get(i));
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            model.block().initialize(manager, DataType.FLOAT32, model.inputShape());
            ParameterStore store = new ParameterStore(manager, false);
            NDArray x = c.input().create(manager).reshape(rows(c.input().djlShape()));
            List<CheckRow> rows = new ArrayList<>();
            NDArray y = forward(model.block(), store, x, false);
            rows.add(row(c, Mode.INFERENCE, compare("output", c.inference(), y, null)));
            x.setRequiresGradient(true);
            try (GradientCollector tape = manager.getEngine().newGradientCollector()) {
                NDArray trained = forward(model.block(), store, x, true);
                rows.add(row(c, Mode.TRAINING, compare("output", c.training(), trained, null)));
                tape.backward(trained.mul(lossWeights(manager, trained.getShape())).sum());
            }
            Deviation worst =
                    compare(
                            "gradient of input",
                            gradient(c, "input"),
                            x.getGradient(),
                            c.input().djlShape());
            for (int i = 0; i < params.size(); i++) {
                CaseTensor p = patterns.get(i);
                if (!p.buffer()) {
                    NDArray g = params.get(i).array().getGradient();
                    worst =
                            worst.worse(
                                    compare(
                                            "gradient of " + p.name(),
                                            gradient(c, p.name()),
                                            g,
                                            null));
                }
            }
            rows.add(row(c, Mode.BACKWARD, worst));
            return rows;
        }
    }

    /**
     * DJL's own fused LSTM ({@code ai.djl.nn.recurrent.LSTM}, batch-first) in inference mode on
     * every LSTM case of {@code set}: libtorch's raw oneDNN inference kernel, which Kindling's LSTM
     * avoids. Information only.
     *
     * @return the worst case's row, or null when the set has no LSTM case
     */
    static CheckRow libtorchLstm(GoldenSet set) {
        CheckRow worst = null;
        for (GoldenCase c : set.cases()) {
            if (!c.op().equals("lstm")) {
                continue;
            }
            LSTM lstm =
                    LSTM.builder()
                            .setStateSize(c.intArg("hidden"))
                            .setNumLayers(c.intArg("layers"))
                            .optBatchFirst(true)
                            .build();
            for (CaseTensor p : c.parameters()) {
                Parameter parameter = lstm.getParameters().get(djlName(c, p.name()));
                fill(c, parameter, p.djlShape(), p);
            }
            try (NDManager manager = NDManager.newBaseManager()) {
                lstm.initialize(manager, DataType.FLOAT32, c.input().djlShape());
                NDArray y =
                        forward(
                                lstm,
                                new ParameterStore(manager, false),
                                c.input().create(manager),
                                false);
                Deviation d = compare("output", c.inference(), y, null);
                CheckRow row = new CheckRow(LIBTORCH_LSTM, "lstm", Mode.INFERENCE, d);
                if (worst == null || d.ratio() > worst.worst().ratio()) {
                    worst = row;
                }
            }
        }
        return worst;
    }

    /** DJL's name of an LSTM parameter PyTorch calls {@code weight_ih_l0} … {@code bias_hh_lK}. */
    private static String djlName(GoldenCase c, String torchName) {
        Matcher m = RECURRENT_NAME.matcher(torchName);
        if (!m.matches()) {
            throw new IllegalStateException(
                    "golden case " + c.name() + " has the LSTM parameter " + torchName);
        }
        return "l_"
                + m.group(3)
                + "_"
                + (m.group(2).equals("ih") ? "i2h" : "h2h")
                + "_"
                + (m.group(1).equals("weight") ? "WEIGHT" : "BIAS");
    }

    /** Makes {@code parameter} start as the case's pattern (checking the shape first). */
    private static void fill(GoldenCase c, Parameter parameter, Shape shape, CaseTensor p) {
        if (parameter == null || !shape.equals(p.djlShape())) {
            throw new IllegalStateException(
                    "golden case "
                            + c.name()
                            + ": "
                            + p.name()
                            + " has shape "
                            + p.shape()
                            + " in the golden file but "
                            + (parameter == null ? "no parameter" : shape)
                            + " in Kindling's block");
        }
        parameter.setInitializer((manager, s, type) -> p.create(manager));
    }

    private static NDArray forward(Block block, ParameterStore store, NDArray x, boolean training) {
        return block.forward(store, new NDList(x), training).singletonOrThrow();
    }

    private static GoldenTensor gradient(GoldenCase c, String name) {
        GoldenTensor g = c.gradients().get(name);
        if (g == null) {
            throw new IllegalStateException(
                    "golden case " + c.name() + " has no gradient of " + name);
        }
        return g;
    }

    private static Deviation compare(String label, GoldenTensor ref, NDArray got, Shape as) {
        return ref.compare(label, Measured.of(got, as));
    }

    private static CheckRow row(GoldenCase c, Mode mode, Deviation worst) {
        return new CheckRow(c.name(), c.op(), mode, worst);
    }

    /**
     * The loss weights {@code c[k] = cos(0.07k)}, float32, shaped like the output: data of the
     * case, made here like {@link CaseTensor#values()}.
     */
    private static NDArray lossWeights(NDManager manager, Shape shape) {
        float[] c = new float[Math.toIntExact(shape.size())];
        for (int k = 0; k < c.length; k++) {
            c[k] = (float) StrictMath.cos(0.07 * k);
        }
        return manager.create(c, shape);
    }

    /** A batch as rows, {@code (N, features)}: how Kindling's data pipeline feeds every model. */
    private static Shape rows(Shape shape) {
        return new Shape(shape.get(0), shape.size() / shape.get(0));
    }
}
