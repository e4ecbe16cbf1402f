package io.kindling.train;

import io.kindling.checkpoint.CheckpointException;
import io.kindling.checkpoint.CheckpointStore;
import io.kindling.config.ConfigException;
import io.kindling.metrics.Evaluation;
import io.kindling.runfolder.RunFolder;
import io.kindling.runfolder.RunFolderException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A finished (or interrupted) run folder read back: its spec and a chosen checkpoint, for {@code
 * kindling eval} and {@code kindling export}.
 *
 * @param folder the run folder
 * @param spec its resolved config
 * @param checkpoint the chosen checkpoint's folder
 * @param files that checkpoint's files, verified against its manifest
 */
public record SavedRun(
        RunFolder folder, TrainSpec spec, Path checkpoint, Map<String, byte[]> files) {

    /** Accepted values of {@code which}. */
    public static final List<String> WHICH = List.of("last", "best");

    /**
     * Opens {@code dir} at its newest valid step checkpoint ({@code last}) or its {@code best} one.
     *
     * @throws RunFolderException naming the folder and what is missing or corrupt
     */
    public static SavedRun open(Path dir, String which) {
        if (!WHICH.contains(which)) {
            throw new ConfigException(
                    "--which '" + which + "' is not known; accepted: " + String.join(", ", WHICH));
        }
        RunFolder folder = RunFolder.open(dir);
        TrainSpec spec = Experiment.fromYaml(folder.config()).resolve();
        CheckpointStore store = new CheckpointStore(folder.checkpoints());
        if (!Files.isDirectory(folder.checkpoints())) {
            throw new RunFolderException(
                    dir
                            + " has no checkpoints; train with"
                            + " --checkpoint-every N or --keep-last K (and --keep-best for 'best')");
        }
        Path chosen;
        if (which.equals("best")) {
            chosen = folder.checkpoints().resolve(Checkpointer.BEST);
            if (!Files.isDirectory(chosen)) {
                throw new RunFolderException(
                        dir + " has no best checkpoint; train with" + " --keep-best");
            }
        } else {
            chosen =
                    store.newestValid("step-")
                            .orElseThrow(
                                    () ->
                                            new RunFolderException(
                                                    "No valid step checkpoint in "
                                                            + folder.checkpoints()
                                                            + problems(store)));
        }
        try {
            return new SavedRun(folder, spec, chosen, store.readAll(chosen));
        } catch (CheckpointException e) {
            throw new RunFolderException(e.getMessage());
        }
    }

    private static String problems(CheckpointStore store) {
        List<String> p = store.problems();
        return p.isEmpty() ? "" : ": " + String.join("; ", p);
    }

    /** The parameters' safetensors bytes, as stored (keyed by parameter name). */
    public byte[] modelSafetensors() {
        return files.get(TrainSnapshot.MODEL);
    }

    /** The step the checkpoint was taken at. */
    public long step() {
        return TrainSnapshot.step(TrainSnapshot.state(files));
    }

    /**
     * Evaluations of a checkpoint.
     *
     * @param evaluations validation (when there is one), then test
     * @param classNames one name per class, in label order
     */
    public record Evaluated(List<Evaluation> evaluations, List<String> classNames) {}

    /**
     * Rebuilds the model with the checkpoint's parameters and evaluates it on the run's validation
     * (when there is one) and test splits, with the run's own data preprocessing.
     */
    public Evaluated evaluate() {
        try (Trainer t = new Trainer(spec)) {
            t.restore(files);
            return new Evaluated(t.evaluateNow(), t.data().classNames());
        }
    }
}
