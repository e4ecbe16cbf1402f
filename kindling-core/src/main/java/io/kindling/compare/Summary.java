package io.kindling.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kindling.diagnose.BlockStats;
import io.kindling.diagnose.LayerStats;
import io.kindling.runfolder.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes {@code summary.json}: {@code {"variants": [{label, config, seeds, ...}]}}. */
public final class Summary {

    private Summary() {}

    /** The summary as ordered maps (non-finite numbers become null, as JSON has no NaN). */
    public static Map<String, Object> of(List<VariantResult> results) {
        List<Map<String, Object>> variants = new ArrayList<>();
        for (VariantResult r : results) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("label", r.label());
            v.put("config", r.config());
            v.put("seeds", r.seeds());
            v.put("final_train_loss", finite(r.finalTrainLoss()));
            String score = r.score();
            v.put(score, finite(r.testAccuracy()));
            v.put(score + "_std", finite(r.testAccuracyStd()));
            v.put(score + "_min", finite(r.testAccuracyMin()));
            v.put(score + "_max", finite(r.testAccuracyMax()));
            v.put("diverged", r.diverged());
            v.put(
                    "loss_curve",
                    r.lossCurve().stream().map(p -> Arrays.asList(p[0], finite(p[1]))).toList());
            v.put("runs", r.runs().stream().map(run -> run(run, score)).toList());
            v.put("init_layers", r.initLayers().stream().map(Summary::layer).toList());
            if (!r.initBlocks().isEmpty()) {
                v.put("init_blocks", r.initBlocks().stream().map(Summary::block).toList());
            }
            Map<String, Object> verdict = new LinkedHashMap<>();
            verdict.put("kind", r.verdict().kind());
            verdict.put("evidence", r.verdict().evidence());
            verdict.put("advice", r.verdict().advice());
            v.put("verdict", verdict);
            if (r.failure() != null) {
                v.put("failure", r.failure());
            }
            variants.add(v);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("variants", variants);
        return root;
    }

    private static Map<String, Object> run(SeedRun run, String score) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", run.seed());
        m.put("final_train_loss", finite(run.finalTrainLoss()));
        m.put(score, finite(run.testAccuracy()));
        m.put("diverged", run.diverged());
        return m;
    }

    private static Map<String, Object> layer(LayerStats l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("layer", l.layer());
        m.put("index", l.index());
        m.put("activation_mean", finite(l.postMean()));
        m.put("activation_std", finite(l.postStd()));
        m.put("saturated_fraction", l.saturatedFraction());
        m.put("dead_fraction", l.deadFraction());
        m.put("gradient_norm", finite(l.gradientNorm()));
        m.put("weight_std", finite(l.weightStd()));
        return m;
    }

    private static Map<String, Object> block(BlockStats b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("block", b.block());
        m.put("index", b.index());
        m.put("stream_mean", finite(b.streamMean()));
        m.put("stream_variance", finite(b.streamVariance()));
        m.put("gradient_norm", finite(b.gradientNorm()));
        return m;
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Writes the summary atomically. */
    public static void write(Path file, List<VariantResult> results) throws IOException {
        byte[] json =
                new ObjectMapper()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsBytes(of(results));
        AtomicFile.write(file, json);
    }
}
