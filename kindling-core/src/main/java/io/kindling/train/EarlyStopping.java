package io.kindling.train;

import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.config.Expressible;
import java.util.Map;

/**
 * Stops training when a monitored metric has not improved for {@code patience} evaluations, with
 * Keras's {@code EarlyStopping} semantics, and optionally restores the weights of the best
 * evaluation at the end:
 *
 * <pre>
 * improved = mode=min: m &lt; best − min_delta      mode=max: m &gt; best + min_delta
 * epochs before start_from are not counted
 * if improved: best = m, wait = 0 (and remember the weights) else wait += 1
 * stop when wait ≥ patience
 * </pre>
 *
 * <p>Example: {@code early_stopping(monitor=val_loss, patience=3, restore_best=true)}. The trainer
 * evaluates at the end of every epoch; stopping is a clean end of the run, not an exception.
 *
 * @param monitor the logged metric, e.g. {@code val_loss} (the default; {@code test_*} only with
 *     {@code monitor_test}, see {@link ModelSelection})
 * @param mode min or max
 * @param minDelta the smallest change that counts as an improvement
 * @param patience evaluations without improvement before stopping
 * @param startFrom first epoch (1-based) that counts
 * @param restoreBest restore the best evaluation's weights at the end
 */
public record EarlyStopping(
        String monitor,
        MonitorMode mode,
        double minDelta,
        int patience,
        int startFrom,
        boolean restoreBest)
        implements Expressible {

    /** The rule's position: best value, its epoch, and evaluations without improvement. */
    public static final class State {
        private double best;
        private int bestEpoch;
        private int wait;

        State(double best) {
            this.best = best;
        }

        /** The epoch of the best evaluation so far (0 before any counted one). */
        public int bestEpoch() {
            return bestEpoch;
        }

        /** The position as JSON-ready values (doubles as exact text), for a checkpoint. */
        public Map<String, Object> save() {
            return Map.of("best", Double.toString(best), "best_epoch", bestEpoch, "wait", wait);
        }

        /** Puts back a position written by {@link #save}. */
        public void restore(Map<String, Object> saved) {
            best = Double.parseDouble((String) saved.get("best"));
            bestEpoch = ((Number) saved.get("best_epoch")).intValue();
            wait = ((Number) saved.get("wait")).intValue();
        }
    }

    /** What an evaluation means for the run. */
    public enum Decision {
        /** The metric improved: a new best. */
        IMPROVED,
        /** No improvement, patience left. */
        CONTINUE,
        /** Patience exhausted: stop. */
        STOP
    }

    /** A fresh state. */
    public State start() {
        return new State(mode.worst());
    }

    /**
     * Feeds one evaluation.
     *
     * @param s the state, updated
     * @param metric the monitored value
     * @param epoch the 1-based epoch it was measured after
     * @return what to do
     */
    public Decision step(State s, double metric, int epoch) {
        if (epoch < startFrom) {
            return Decision.CONTINUE;
        }
        boolean improved =
                mode == MonitorMode.MIN ? metric < s.best - minDelta : metric > s.best + minDelta;
        if (improved) {
            s.best = metric;
            s.bestEpoch = epoch;
            s.wait = 0;
            return Decision.IMPROVED;
        }
        s.wait++;
        return s.wait >= patience ? Decision.STOP : Decision.CONTINUE;
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("early_stopping")
                .arg("monitor", monitor)
                .arg("mode", mode.text())
                .arg("min_delta", minDelta)
                .arg("patience", patience)
                .arg("start_from", startFrom)
                .arg("restore_best", restoreBest)
                .build();
    }
}
