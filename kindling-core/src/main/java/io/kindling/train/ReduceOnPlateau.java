package io.kindling.train;

import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.config.Expressible;
import java.util.Map;

/**
 * Lowers the learning rate when a monitored metric stops improving, with PyTorch's {@code
 * ReduceLROnPlateau} semantics. After each evaluation with value {@code m}:
 *
 * <pre>
 * better = mode=min: m &lt; best·(1 − threshold)  (rel) or m &lt; best − threshold (abs)
 *          mode=max: m &gt; best·(1 + threshold)  (rel) or m &gt; best + threshold (abs)
 * if better: best = m, bad = 0 else bad += 1
 * if cooling down: cooldown −= 1, bad = 0
 * if bad &gt; patience: lr = max(lr·factor, min_lr) (if it moves by more than 1e-8),
 *                    cooldown = cooldown_steps, bad = 0
 * </pre>
 *
 * <p>Example: {@code reduce_on_plateau(monitor=val_loss, factor=0.5, patience=2)}. The trainer
 * evaluates at the end of every epoch, as PyTorch users call {@code scheduler.step(val_loss)} once
 * per epoch.
 *
 * @param monitor the logged metric to watch, e.g. {@code val_loss} (the default; {@code test_*}
 *     only with {@code monitor_test}, see {@link ModelSelection})
 * @param mode min or max
 * @param factor multiplier on the lr, in (0, 1)
 * @param patience evaluations without improvement tolerated
 * @param threshold how much better counts as better
 * @param thresholdMode rel or abs
 * @param cooldown evaluations to wait after a reduction
 * @param minLr lower bound on the lr
 */
public record ReduceOnPlateau(
        String monitor,
        MonitorMode mode,
        double factor,
        int patience,
        double threshold,
        String thresholdMode,
        int cooldown,
        double minLr)
        implements Expressible {

    private static final double EPS = 1e-8;

    /**
     * The mutable position of the rule: the best value, bad evaluations, cooldown left and the
     * current lr. Part of the train state.
     */
    public static final class State {
        private double best;
        private int bad;
        private int cooling;
        private double lr;

        State(double best, double lr) {
            this.best = best;
            this.lr = lr;
        }

        /** The learning rate now in force. */
        public double lr() {
            return lr;
        }

        /** The position as JSON-ready values (doubles as exact text), for a checkpoint. */
        public Map<String, Object> save() {
            return Map.of(
                    "best",
                    Double.toString(best),
                    "bad",
                    bad,
                    "cooling",
                    cooling,
                    "lr",
                    Double.toString(lr));
        }

        /** Puts back a position written by {@link #save}. */
        public void restore(Map<String, Object> saved) {
            best = Double.parseDouble((String) saved.get("best"));
            bad = ((Number) saved.get("bad")).intValue();
            cooling = ((Number) saved.get("cooling")).intValue();
            lr = Double.parseDouble((String) saved.get("lr"));
        }
    }

    /** A fresh state for an optimizer whose lr is {@code baseLr}. */
    public State start(double baseLr) {
        return new State(mode.worst(), baseLr);
    }

    /**
     * Feeds one evaluation.
     *
     * @param s the state, updated
     * @param metric the monitored value
     * @return the learning rate in force after this evaluation
     */
    public double step(State s, double metric) {
        if (better(metric, s.best)) {
            s.best = metric;
            s.bad = 0;
        } else {
            s.bad++;
        }
        if (s.cooling > 0) {
            s.cooling--;
            s.bad = 0;
        }
        if (s.bad > patience) {
            double lowered = Math.max(s.lr * factor, minLr);
            if (s.lr - lowered > EPS) {
                s.lr = lowered;
            }
            s.cooling = cooldown;
            s.bad = 0;
        }
        return s.lr;
    }

    private boolean better(double a, double best) {
        boolean rel = thresholdMode.equals("rel");
        if (mode == MonitorMode.MIN) {
            return rel ? a < best * (1 - threshold) : a < best - threshold;
        }
        return rel ? a > best * (threshold + 1) : a > best + threshold;
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("reduce_on_plateau")
                .arg("monitor", monitor)
                .arg("mode", mode.text())
                .arg("factor", factor)
                .arg("patience", patience)
                .arg("threshold", threshold)
                .arg("threshold_mode", thresholdMode)
                .arg("cooldown", cooldown)
                .arg("min_lr", minLr)
                .build();
    }
}
