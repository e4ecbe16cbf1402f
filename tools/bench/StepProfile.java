// Where a Kindling training step's time goes, by libtorch's own profiler (issue 15).
//
// Runs `steps` warm-up steps of the model with sgd(lr=0.05, momentum=0.9), batch 128, then 5 timed
// windows (samples/s, µs per step, minor page faults per step from /proc/self/stat), then one
// window under libtorch's profiler (DJL's JniUtils.startProfile), written as a Chrome trace that
// tools/bench/op_profile.py aggregates into native time per operator. A single-file program: run
// it from the repository root with the CLI's class path (build it first with ./kindling --version):
//
//   java -cp "kindling-cli/target/kindling-cli-0.1.0-SNAPSHOT.jar:kindling-cli/target/lib/*" \
//       -Dai.djl.offline=true tools/bench/StepProfile.java "mlp(depth=2, width=64)" 1 500 k.json
//   python tools/bench/op_profile.py --kindling k.json --steps 500 --threads 1
//
// Add -XX:+PrintCompilation to see the JIT still compiling during the early windows.
import ai.djl.pytorch.jni.JniUtils;
import io.kindling.data.BatchOrder;
import io.kindling.train.Experiment;
import io.kindling.train.TrainSpec;
import io.kindling.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public class StepProfile {

    static long minorFaults() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[7]);
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("model", args[0]);
        v.put("optimizer", "sgd(lr=0.05, momentum=0.9)");
        v.put("batch", 128);
        v.put("steps", 1);
        v.put("threads", Integer.parseInt(args[1]));
        int n = Integer.parseInt(args[2]);
        TrainSpec spec = new Experiment(v).resolve();
        try (Trainer t = new Trainer(spec)) {
            List<int[]> batches =
                    new BatchOrder(t.prepared().trainData().size(), 128, 0, true).epoch(0);
            for (int i = 0; i < n; i++) {
                t.step(batches.get(i % batches.size()));
            }
            for (int w = 0; w < 5; w++) {
                long f0 = minorFaults();
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    t.step(batches.get(i % batches.size()));
                }
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf(
                        "window %.0f samples/s, %.1f us/step, %.1f minor faults/step%n",
                        n * 128 / s, s / n * 1e6, (minorFaults() - f0) / (double) n);
            }
            if (args.length > 3) {
                JniUtils.startProfile(false, false, false);
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    t.step(batches.get(i % batches.size()));
                }
                double s = (System.nanoTime() - t0) / 1e9;
                JniUtils.stopProfile(args[3]);
                System.out.printf("profiled window: %.1f us/step -> %s%n", s / n * 1e6, args[3]);
            }
        }
    }
}
