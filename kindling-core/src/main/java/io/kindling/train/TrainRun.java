package io.kindling.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.checkpoint.CheckpointException;
import io.kindling.checkpoint.CheckpointStore;
import io.kindling.init.InitPlan;
import io.kindling.nn.Model;
import io.kindling.nn.ModelParameter;
import io.kindling.runfolder.EventFiles;
import io.kindling.runfolder.FolderLock;
import io.kindling.runfolder.MetricsLog;
import io.kindling.runfolder.RunFolder;
import io.kindling.runfolder.RunFolderException;
import io.kindling.runfolder.TensorBoardLog;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A training run written to a run folder: the resolved config first, then provenance, then metrics
 * as training goes, checkpoints when asked, and provenance again with the end time. {@link #resume}
 * continues a run from the newest valid checkpoint in its folder.
 */
public final class TrainRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainRun() {}

    /** The run folder's own record of the events: {@code metrics.jsonl} and TensorBoard. */
    private static TrainEvents runFolderFiles(MetricsLog log, TensorBoardLog board) {
        return new TrainEvents() {
            @Override
            public void onRecord(Map<String, Object> record) {
                log.write(record);
                board.writeScalars(record);
            }

            @Override
            public void onWeights(long step, List<ModelParameter> parameters) {
                board.writeHistograms(step, parameters);
            }
        };
    }

    /** Trains {@code spec} into {@code out} with no callbacks. */
    public static TrainResult execute(TrainSpec spec, Path out, List<TrainEvents> extra) {
        return execute(spec, out, extra, List.of());
    }

    /**
     * Trains {@code spec} and writes {@code out}.
     *
     * @param spec the resolved run
     * @param out the run folder (must not already hold a run); locked ({@link FolderLock}) until
     *     the run ends
     * @param extra further sinks, e.g. console progress
     * @param callbacks code that steers the run (time limit, stop on signal, …)
     * @return the result
     */
    public static TrainResult execute(
            TrainSpec spec, Path out, List<TrainEvents> extra, List<Callback> callbacks) {
        PreparedRun.startEngine(spec); // a refused engine leaves no folder behind
        // The lock first: of two processes racing for the folder, the loser gets the lock's error
        // (or, when the winner has already finished, create's "already holds a run").
        try (FolderLock lock = FolderLock.acquire(out, "train")) {
            RunFolder folder = RunFolder.create(out);
            folder.writeConfig(spec.describe());
            try (Trainer trainer = new Trainer(spec)) {
                return train(trainer, folder, extra, callbacks, new LinkedHashMap<>());
            }
        }
    }

    /**
     * Continues the run in {@code dir} from its newest valid checkpoint, with the folder's own
     * {@code config.yaml}: records after that checkpoint's step are dropped from {@code
     * metrics.jsonl} and the TensorBoard files first (the interrupted process made them and they
     * will be made again), so the finished folder equals that of a run never interrupted. Corrupt
     * or incomplete checkpoints are skipped and reported on {@code log}.
     *
     * @return the result, or empty when the newest checkpoint marks the run as finished
     * @throws RunFolderException when {@code dir} is no run folder, holds no valid checkpoint, or
     *     is in use by another process ({@link FolderLock}: a crashed process's lock went with it)
     */
    public static Optional<TrainResult> resume(
            Path dir, List<TrainEvents> extra, List<Callback> callbacks, PrintStream log) {
        RunFolder folder = RunFolder.open(dir);
        TrainSpec spec = Experiment.fromYaml(folder.config()).resolve();
        PreparedRun.startEngine(spec); // before the folder's files are cut back to a checkpoint
        CheckpointStore store = new CheckpointStore(folder.checkpoints());
        try (FolderLock lock = FolderLock.acquire(dir, "train --resume")) {
            store.cleanLeftovers();
            for (String problem : store.problems()) {
                log.println("skipping checkpoint: " + problem);
            }
            Path newest = null;
            Map<String, byte[]> files = null;
            Map<String, Object> saved = null;
            for (Path candidate : store.validNewestFirst("step-")) {
                try {
                    files = CheckpointStore.readAll(candidate);
                    saved = TrainSnapshot.check(files);
                    newest = candidate;
                    break;
                } catch (CheckpointException e) {
                    log.println(
                            "skipping checkpoint: "
                                    + candidate.getFileName()
                                    + ": "
                                    + e.getMessage());
                }
            }
            if (newest == null) {
                throw new RunFolderException(
                        "No valid checkpoint in "
                                + folder.checkpoints()
                                + " to resume from"
                                + (spec.persistence().checkpointing().enabled()
                                        ? ""
                                        : " (the run was made without --checkpoint-every/--keep-last)"));
            }
            if (Boolean.TRUE.equals(saved.get("complete"))) {
                log.println(
                        "run in "
                                + dir
                                + " already finished ("
                                + newest.getFileName()
                                + "); nothing to resume");
                return Optional.empty();
            }
            long step = TrainSnapshot.step(saved);
            int droppedRecords = MetricsLog.truncateAfter(folder.metrics(), step);
            EventFiles.truncateAfter(folder.dir(), step);
            log.println(
                    "resuming "
                            + dir
                            + " from "
                            + newest.getFileName()
                            + " (step "
                            + step
                            + (droppedRecords > 0
                                    ? ", dropping " + droppedRecords + " later metrics records"
                                    : "")
                            + ")");
            Map<String, Object> resumed = new LinkedHashMap<>();
            resumed.put("from_step", step);
            resumed.put("checkpoint", newest.getFileName().toString());
            resumed.put("at", Instant.now().toString());
            try (Trainer trainer = new Trainer(spec)) {
                trainer.restore(files);
                return Optional.of(train(trainer, folder, extra, callbacks, resumed));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CheckpointException e) {
            throw new RunFolderException(e.getMessage());
        }
    }

    private static TrainResult train(
            Trainer trainer,
            RunFolder folder,
            List<TrainEvents> extra,
            List<Callback> callbacks,
            Map<String, Object> resumed) {
        TrainSpec spec = trainer.spec();
        Instant started = Instant.now();
        List<Map<String, Object>> resumes = previousResumes(folder);
        if (!resumed.isEmpty()) {
            resumes.add(resumed);
        }
        Map<String, Object> split = ModelSelection.record(spec, trainer.data());
        Map<String, Object> preprocessing = withValidation(trainer.data().preprocessing(), split);
        folder.writeData(preprocessing);
        try (MetricsLog log = new MetricsLog(folder.metrics());
                TensorBoardLog board = new TensorBoardLog(folder.dir())) {
            List<TrainEvents> sinks = new ArrayList<>(extra);
            sinks.add(runFolderFiles(log, board));
            String source = trainer.data().source();
            sinks.add(
                    new TrainEvents() {
                        @Override
                        public void onStart(
                                TrainSpec s,
                                Model m,
                                List<InitPlan.Entry> plan,
                                String dataSource,
                                long totalSteps) {
                            folder.writeProvenance(
                                    withResumes(
                                            withValidation(
                                                    Provenance.of(spec, source, started, null),
                                                    split),
                                            resumes));
                        }
                    });
            Checkpointer checkpoints =
                    spec.persistence().checkpointing().enabled()
                            ? new StoreCheckpointer(
                                    new CheckpointStore(folder.checkpoints()),
                                    spec.persistence().checkpointing().keepLast())
                            : null;
            TrainEvents events = TrainEvents.all(sinks);
            Object report = preprocessing.get("report");
            if (report instanceof List<?> lines) {
                lines.forEach(l -> events.onNote("data      " + l));
            }
            ModelSelection.notes(spec, trainer.data()).forEach(events::onNote);
            TrainResult result = trainer.run(events, callbacks, checkpoints);
            Map<String, Object> end =
                    withResumes(
                            withValidation(
                                    Provenance.of(spec, source, started, Instant.now()), split),
                            resumes);
            if (result.stopReason() != null) {
                end.put("stop_reason", result.stopReason());
            }
            folder.writeProvenance(end);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code record} with the validation split's record added as {@code validation}, if any. */
    private static Map<String, Object> withValidation(
            Map<String, Object> record, Map<String, Object> split) {
        if (split == null) {
            return record;
        }
        Map<String, Object> m = new LinkedHashMap<>(record);
        m.put("validation", split);
        return m;
    }

    private static Map<String, Object> withResumes(
            Map<String, Object> provenance, List<Map<String, Object>> resumes) {
        Map<String, Object> m = new LinkedHashMap<>(provenance);
        if (!resumes.isEmpty()) {
            m.put("resumes", resumes);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> previousResumes(RunFolder folder) {
        Path file = folder.dir().resolve("provenance.json");
        if (!Files.exists(file)) {
            return new ArrayList<>();
        }
        try {
            Map<String, Object> old = JSON.readValue(file.toFile(), Map.class);
            Object r = old.get("resumes");
            return r instanceof List<?> l
                    ? new ArrayList<>((List<Map<String, Object>>) l)
                    : new ArrayList<>();
        } catch (IOException e) {
            return new ArrayList<>();
        }
    }

    /** Checkpoints into a {@link CheckpointStore}, keeping the newest {@code keepLast}. */
    private record StoreCheckpointer(CheckpointStore store, int keepLast) implements Checkpointer {

        @Override
        public Path save(String name, Map<String, byte[]> files) {
            Path written = store.write(name, files);
            if (!name.equals(BEST) && keepLast > 0) {
                store.keepLast(keepLast);
            }
            return written;
        }

        @Override
        public Optional<Map<String, byte[]>> newest() {
            for (Path candidate : store.validNewestFirst("step-")) {
                try {
                    Map<String, byte[]> files = CheckpointStore.readAll(candidate);
                    TrainSnapshot.check(files);
                    return Optional.of(files);
                } catch (CheckpointException e) {
                    // an unusable checkpoint: fall back to the next older one
                }
            }
            return Optional.empty();
        }
    }
}
