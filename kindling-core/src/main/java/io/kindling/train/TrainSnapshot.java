package io.kindling.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kindling.checkpoint.CheckpointException;
import io.kindling.checkpoint.NamedTensor;
import io.kindling.checkpoint.Safetensors;
import io.kindling.engine.Compute;
import io.kindling.nn.ModelParameter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of one checkpoint, made from and put back into a {@link Trainer}:
 *
 * <ul>
 *   <li>{@code model.safetensors}: every model parameter (running statistics included) keyed by its
 *       name, e.g. {@code layer1.weight}, readable by PyTorch / Hugging Face tooling;
 *   <li>{@code optimizer.safetensors}: the optimizer's buffers ({@code buffer.0}, … in the
 *       transform chain's order);
 *   <li>{@code best-weights.safetensors} (only with {@code early_stopping(restore_best=true)}): the
 *       weights of the best evaluation so far;
 *   <li>{@code state.json}: the loop position, the optimizer's update counts, the plateau and
 *       early-stopping rules' states, the data-order position and how the generator is seeded.
 * </ul>
 *
 * Doubles in {@code state.json} are written as Java's shortest exact decimal text, so they read
 * back bit for bit.
 */
final class TrainSnapshot {

    static final String MODEL = "model.safetensors";
    static final String OPTIMIZER = "optimizer.safetensors";
    static final String BEST = "best-weights.safetensors";
    static final String STATE = "state.json";
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TrainSnapshot() {}

    /**
     * The files of a checkpoint of {@code t} now.
     *
     * @param last whether this is the run's final checkpoint (it is {@code complete} when the
     *     budget is spent or early stopping ended the run)
     */
    static Map<String, byte[]> files(Trainer t, boolean last) {
        TrainState s = t.state();
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<NamedTensor> params = new ArrayList<>();
        for (ModelParameter p : t.model().parameters()) {
            params.add(NamedTensor.of(p.name(), p.array()));
        }
        files.put(
                MODEL,
                Safetensors.write(
                        params,
                        metadata(
                                "format",
                                "pt",
                                "producer",
                                "kindling",
                                "step",
                                Long.toString(s.step()))));
        List<NamedTensor> buffers = new ArrayList<>();
        List<NDArray> arrays = t.optimizerState().allArrays();
        for (int i = 0; i < arrays.size(); i++) {
            buffers.add(NamedTensor.of("buffer." + i, arrays.get(i)));
        }
        files.put(OPTIMIZER, Safetensors.write(buffers, metadata("producer", "kindling")));
        EarlyStoppingRule early = t.earlyStoppingRule();
        if (early != null && early.bestWeights() != null) {
            List<NamedTensor> best = new ArrayList<>();
            List<ModelParameter> ps = t.model().parameters();
            for (int i = 0; i < ps.size(); i++) {
                best.add(NamedTensor.of(ps.get(i).name(), early.bestWeights().get(i)));
            }
            files.put(
                    BEST,
                    Safetensors.write(best, metadata("format", "pt", "producer", "kindling")));
        }
        TrainSpec spec = t.spec();
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("format", "kindling-train-state");
        state.put("version", 1);
        String reason = s.stopReason();
        state.put(
                "complete",
                last && (s.step() >= s.totalSteps() || "early_stopping".equals(reason)));
        state.put("stop_reason", reason);
        state.put("loop", s.save());
        state.put("optimizer_counts", t.optimizerState().counts());
        state.put("optimizer_scales", t.optimizerState().scales());
        if (t.plateauRule() != null) {
            state.put("plateau", t.plateauRule().position().save());
        }
        if (early != null) {
            state.put("early_stopping", early.position().save());
        }
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("seed", spec.execution().seed());
        order.put("epoch", s.epoch());
        order.put("batch_in_epoch", s.batchInEpoch);
        state.put("data_order", order);
        state.put(
                "rng",
                "engine generator reseeded before every step from (seed, step);"
                        + " augmentation draws from (seed, step)");
        try {
            files.put(STATE, JSON.writeValueAsBytes(state));
        } catch (IOException e) {
            throw new CheckpointException("cannot encode the train state: " + e.getMessage(), e);
        }
        return files;
    }

    /** Metadata in a fixed order (Map.of's order changes from one JVM to the next). */
    private static Map<String, String> metadata(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** The decoded {@code state.json} of a checkpoint's files. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> state(Map<String, byte[]> files) {
        byte[] bytes = files.get(STATE);
        if (bytes == null) {
            throw new CheckpointException("checkpoint has no " + STATE);
        }
        try {
            Map<String, Object> m = JSON.readValue(bytes, Map.class);
            if (!"kindling-train-state".equals(m.get("format"))) {
                throw new CheckpointException(
                        STATE + " is not a Kindling train state (format " + m.get("format") + ")");
            }
            return m;
        } catch (IOException e) {
            throw new CheckpointException(STATE + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Checks that a checkpoint's files (already verified against their manifest) hold what a resume
     * needs: {@code state.json}, {@code model.safetensors} and {@code optimizer.safetensors}, a
     * manifest that lists them.
     *
     * @return the decoded state
     * @throws CheckpointException naming what is missing
     */
    static Map<String, Object> check(Map<String, byte[]> files) {
        for (String required : List.of(STATE, MODEL, OPTIMIZER)) {
            if (!files.containsKey(required)) {
                throw new CheckpointException("its manifest has no entry for " + required);
            }
        }
        return state(files);
    }

    /** The step a decoded state was taken at. */
    @SuppressWarnings("unchecked")
    static long step(Map<String, Object> state) {
        return ((Number) ((Map<String, Object>) state.get("loop")).get("step")).longValue();
    }

    /** Puts a checkpoint's files back into {@code t}. */
    @SuppressWarnings("unchecked")
    static void restore(Trainer t, Map<String, byte[]> files) {
        Map<String, Object> state = state(files);
        try (NDManager scope = t.manager().newSubManager()) {
            Map<String, NamedTensor> params = read(files, MODEL);
            for (ModelParameter p : t.model().parameters()) {
                NamedTensor saved = params.get(p.name());
                if (saved == null) {
                    throw new CheckpointException(
                            MODEL
                                    + " has no parameter "
                                    + p.name()
                                    + "; it holds "
                                    + params.keySet());
                }
                NDArray value = saved.toNDArray(scope);
                if (!value.getShape().equals(p.array().getShape())) {
                    throw new CheckpointException(
                            MODEL
                                    + ": "
                                    + p.name()
                                    + " has shape "
                                    + value.getShape()
                                    + ", the model's is "
                                    + p.array().getShape());
                }
                Compute.copy(value, p.array());
            }
            List<NDArray> buffers = new ArrayList<>();
            for (NamedTensor b : read(files, OPTIMIZER).values()) {
                buffers.add(b.toNDArray(scope));
            }
            List<Long> counts = new ArrayList<>();
            for (Object c : (List<Object>) state.get("optimizer_counts")) {
                counts.add(((Number) c).longValue());
            }
            try {
                t.optimizerState().restore(counts, buffers);
            } catch (IllegalArgumentException e) {
                throw new CheckpointException(OPTIMIZER + ": " + e.getMessage());
            }
            if (files.containsKey(BEST)) {
                Map<String, NamedTensor> best = read(files, BEST);
                List<NDArray> values = new ArrayList<>();
                for (ModelParameter p : t.model().parameters()) {
                    values.add(best.get(p.name()).toNDArray(scope));
                }
                if (t.earlyStoppingRule() != null) {
                    t.earlyStoppingRule().setBestWeights(t.control().copies(values));
                }
            }
        }
        t.state().restore((Map<String, Object>) state.get("loop"));
        if (state.get("optimizer_scales") instanceof List<?> scales) {
            List<Double> values = new ArrayList<>();
            scales.forEach(v -> values.add(((Number) v).doubleValue()));
            try {
                t.optimizerState().restoreScales(values);
            } catch (IllegalArgumentException e) {
                throw new CheckpointException("state.json: " + e.getMessage());
            }
        } else {
            t.applyLrFactor(); // written before the lr lived in the optimizer's state
        }
        if (t.plateauRule() != null && state.get("plateau") != null) {
            t.plateauRule().position().restore((Map<String, Object>) state.get("plateau"));
        }
        EarlyStoppingRule early = t.earlyStoppingRule();
        if (early != null && state.get("early_stopping") != null) {
            early.position().restore((Map<String, Object>) state.get("early_stopping"));
        }
    }

    private static Map<String, NamedTensor> read(Map<String, byte[]> files, String name) {
        byte[] bytes = files.get(name);
        if (bytes == null) {
            throw new CheckpointException("checkpoint has no " + name);
        }
        return Safetensors.read(bytes, name).tensors();
    }
}
