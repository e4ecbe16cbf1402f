package io.kindling.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kindling.compare.Comparison;
import io.kindling.engine.check.EngineGate;
import io.kindling.train.TrainSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a run in a child JVM ({@code kindling train CONFIG.yaml --out DIR}), so that several runs
 * can go at once: DJL's PyTorch engine allows one autograd tape per process. The child's output
 * goes to {@code DIR.log}; its config is the run's resolved config, so the child trains exactly
 * what an in-process run would.
 */
final class ChildProcessLauncher implements Comparison.Launcher {

    private final int threads;

    /**
     * @param threads libtorch intra-op threads for each child
     */
    ChildProcessLauncher(int threads) {
        this.threads = threads;
    }

    @Override
    public void train(TrainSpec spec, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir.getParent());
        Path config = dir.resolveSibling(dir.getFileName() + ".yaml");
        Path log = dir.resolveSibling(dir.getFileName() + ".log");
        Map<String, Object> values = new LinkedHashMap<>(spec.describe());
        values.put("threads", threads);
        values.put("interop_threads", 1);
        new ObjectMapper(new YAMLFactory()).writeValue(config.toFile(), values);
        Process p = kindling(List.of("train", config.toString(), "--out", dir.toString()), log);
        int code = p.waitFor();
        check(code, log);
    }

    /**
     * The system properties a child must share with this process: the engine self-check's policy
     * ({@value EngineGate#PROPERTY}), so that {@code warn} or {@code off} given to {@code compare}
     * or {@code tune} holds in their child runs too (the environment, with {@code
     * DNNL_MAX_CPU_ISA}, is inherited anyway).
     */
    static List<String> forwarded() {
        String policy = System.getProperty(EngineGate.PROPERTY);
        return policy == null ? List.of() : List.of("-D" + EngineGate.PROPERTY + "=" + policy);
    }

    /**
     * Starts {@code kindling ARGS} in a child JVM with this one's class path, its output in {@code
     * log}.
     */
    static Process kindling(List<String> args, Path log) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx2g"));
        command.addAll(forwarded());
        command.addAll(
                List.of(
                        "-Dai.djl.offline=true",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Kindling.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static void check(int code, Path log) throws IOException {
        if (code != 0) {
            List<String> lines = Files.readAllLines(log);
            throw new IllegalStateException(
                    "child run exited with "
                            + code
                            + ": "
                            + (lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1)));
        }
    }
}
