package io.kindling.train;

import io.kindling.engine.Compute;
import io.kindling.engine.memory.Allocator;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a run came from: software versions, machine, seed, threads and times — enough to repeat the
 * run.
 */
public final class Provenance {

    private Provenance() {}

    /** The Kindling version, from the jar manifest (or "dev" when run from classes). */
    public static String kindlingVersion() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    /**
     * The provenance record of a run.
     *
     * @param spec the resolved run
     * @param dataSource where the data came from
     * @param started when the run started
     * @param ended when it ended (null while running)
     * @return an ordered map ready to be written as JSON
     */
    public static Map<String, Object> of(
            TrainSpec spec, String dataSource, Instant started, Instant ended) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kindling_version", kindlingVersion());
        m.put("djl_version", Compute.djlVersion());
        m.put("pytorch_version", Compute.torchVersion());
        m.put("java_version", System.getProperty("java.version"));
        m.put("java_vendor", System.getProperty("java.vendor"));
        m.put(
                "os",
                System.getProperty("os.name")
                        + " "
                        + System.getProperty("os.version")
                        + " "
                        + System.getProperty("os.arch"));
        m.put("host", hostName());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("git_revision", gitRevision());
        m.put("seed", spec.execution().seed());
        m.put("intra_op_threads", Compute.threads().intraOp());
        m.put("inter_op_threads", Compute.threads().interOp());
        m.put("allocator", Allocator.current().describe());
        m.put("data_source", dataSource);
        m.put("config", spec.describe());
        m.put("started", started.toString());
        m.put("ended", ended == null ? null : ended.toString());
        return m;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The git revision of the working directory's repository, if there is one. */
    static String gitRevision() {
        try {
            Path dir = Path.of("").toAbsolutePath();
            while (dir != null && !Files.isDirectory(dir.resolve(".git"))) {
                dir = dir.getParent();
            }
            if (dir == null) {
                return null;
            }
            Path git = dir.resolve(".git");
            String head = Files.readString(git.resolve("HEAD")).trim();
            if (!head.startsWith("ref: ")) {
                return head;
            }
            Path ref = git.resolve(head.substring(5));
            return Files.exists(ref) ? Files.readString(ref).trim() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
