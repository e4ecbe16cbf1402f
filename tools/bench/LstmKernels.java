// What evaluating LSTMs through oneDNN's training kernel costs: Kindling's lstm (which always runs
// the training kernel, see io.kindling.nn.TrainingKernelLstm) beside DJL's own LSTM block (which
// runs the inference kernel when gradients are off: the path Kindling took before, and the one
// that is wrong on some AVX-512 CPUs), on the same shapes, in one process.
//
// For each mode, `eval` (a forward pass with gradients off) and `train` (forward and backward
// inside a gradient collector: the same kernel on both sides, so a ratio near 1 is the control),
// timed windows alternate between the two sides after a warm-up; each figure is the median of its
// windows, the ratio the median of per-window ratios, with minor page faults per pass (glibc
// malloc unless LD_PRELOAD says otherwise). A single-file program: from the repository root,
// after ./kindling --version has built the CLI:
//
//   java -cp "kindling-cli/target/kindling-cli-0.1.0-SNAPSHOT.jar:kindling-cli/target/lib/*" \
//       -Dai.djl.offline=true tools/bench/LstmKernels.java [hidden=128] [threads=2] [batch=128]
import ai.djl.engine.Engine;
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
import io.kindling.nn.InputShape;
import io.kindling.nn.Model;
import io.kindling.nn.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

public class LstmKernels {

    static final int STEPS = 100;
    static final int PER_STEP = 2;
    static final int WINDOWS = 9;
    static final int PASSES = 10;

    static long minorFaults() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[7]);
    }

    record Side(String name, Block block, NDArray input) {}

    static void pass(Side s, NDManager manager, boolean train) {
        try (NDManager step = manager.newSubManager()) {
            NDArray x = s.input.duplicate();
            step.tempAttachAll(x);
            if (train) {
                try (GradientCollector tape = Engine.getInstance().newGradientCollector()) {
                    NDArray y = s.block.forward(new ParameterStore(step, false), new NDList(x), true)
                            .head();
                    tape.backward(y.square().mean());
                }
                for (Parameter p : s.block.getParameters().values()) {
                    Compute.zeroGradient(p.getArray());
                }
            } else {
                s.block.forward(new ParameterStore(step, false), new NDList(x), false);
            }
        }
    }

    /** Samples per second of `PASSES` passes, and minor page faults per pass. */
    static double[] window(Side s, NDManager manager, boolean train, int batch) throws Exception {
        long f0 = minorFaults();
        long t0 = System.nanoTime();
        for (int i = 0; i < PASSES; i++) {
            pass(s, manager, train);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        return new double[] {PASSES * batch / secs, (minorFaults() - f0) / (double) PASSES};
    }

    static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a[a.length / 2];
    }

    public static void main(String[] args) throws Exception {
        int hidden = args.length > 0 ? Integer.parseInt(args[0]) : 128;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 128;
        Compute.start(new Compute.Threads(threads, 1));
        String preload = System.getenv("LD_PRELOAD");
        System.out.printf(
                "LSTM(hidden=%d), T=%d x %d values, batch %d, %d threads, libtorch %s, allocator %s%n",
                hidden, STEPS, PER_STEP, batch, threads, Compute.torchVersion(),
                preload == null || preload.isBlank() ? "glibc malloc" : preload);
        try (NDManager manager = NDManager.newBaseManager()) {
            Model m = Models.REGISTRY.parse("lstm(hidden=" + hidden + ", layers=1)")
                    .build(InputShape.sequence(STEPS, PER_STEP), 1);
            m.block().initialize(manager, DataType.FLOAT32, m.inputShape());
            Block djl = LSTM.builder().setStateSize(hidden).setNumLayers(1).optBatchFirst(true).build();
            djl.initialize(manager, DataType.FLOAT32, new Shape(1, STEPS, PER_STEP));
            NDArray x = manager.randomUniform(-1, 1, new Shape(batch, STEPS * PER_STEP));
            Side kindling = new Side("Kindling lstm (training kernel)", m.block(), x);
            Side stock = new Side("DJL LSTM (inference kernel when no grad)", djl,
                    x.reshape(batch, STEPS, PER_STEP));
            for (boolean train : new boolean[] {false, true}) {
                for (int w = 0; w < 3; w++) {
                    window(kindling, manager, train, batch);
                    window(stock, manager, train, batch);
                }
                List<Double> a = new ArrayList<>(), b = new ArrayList<>(), r = new ArrayList<>();
                List<Double> fa = new ArrayList<>(), fb = new ArrayList<>();
                for (int w = 0; w < WINDOWS; w++) {
                    boolean kFirst = w % 2 == 0;
                    double[] k = kFirst ? window(kindling, manager, train, batch) : null;
                    double[] d = window(stock, manager, train, batch);
                    if (!kFirst) {
                        k = window(kindling, manager, train, batch);
                    }
                    a.add(k[0]); b.add(d[0]); r.add(k[0] / d[0]); fa.add(k[1]); fb.add(d[1]);
                }
                System.out.printf(
                        "%-5s  Kindling %8.0f samples/s (%.0f faults/pass)  DJL %8.0f samples/s (%.0f faults/pass)  ratio %.2f [%.2f-%.2f]%n",
                        train ? "train" : "eval", median(a), median(fa), median(b), median(fb), median(r),
                        r.stream().mapToDouble(Double::doubleValue).min().getAsDouble(),
                        r.stream().mapToDouble(Double::doubleValue).max().getAsDouble());
            }
        }
    }
}
