package io.kindling.train;

import io.kindling.init.InitPlan;
import io.kindling.nn.Model;
import io.kindling.report.MetricsLog;
import io.kindling.report.Provenance;
import io.kindling.report.RunFolder;
import io.kindling.report.TensorBoardLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A training run written to a run folder: the resolved config first, then provenance, then
 * metrics as training goes, and provenance again with the end time.
 */
public final class TrainRun {

    private TrainRun() {}

    /**
     * Trains {@code spec} and writes {@code out}.
     *
     * @param spec the resolved run
     * @param out the run folder (must not already hold a run)
     * @param extra further sinks, e.g. console progress
     * @return the result
     */
    public static TrainResult execute(TrainSpec spec, Path out, List<TrainEvents> extra) {
        RunFolder folder = RunFolder.create(out);
        Instant started = Instant.now();
        folder.writeConfig(spec.describe());
        try (Trainer trainer = new Trainer(spec);
                MetricsLog log = new MetricsLog(folder.metrics());
                TensorBoardLog board = new TensorBoardLog(folder.dir())) {
            List<TrainEvents> sinks = new ArrayList<>(extra);
            sinks.add(log);
            sinks.add(board);
            String[] source = new String[1];
            sinks.add(new TrainEvents() {
                @Override
                public void onStart(TrainSpec s, Model m, List<InitPlan.Entry> plan,
                        String dataSource, long totalSteps) {
                    source[0] = dataSource;
                    folder.writeProvenance(Provenance.of(spec, dataSource, started, null));
                }
            });
            TrainResult result = trainer.run(TrainEvents.all(sinks));
            folder.writeProvenance(Provenance.of(spec, source[0], started, Instant.now()));
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
