package io.kindling.train;

import io.kindling.config.Args;
import io.kindling.config.Registry;

/** The registry of training rules that react to logged metrics. */
public final class Callbacks {

    /**
     * e.g. {@code reduce_on_plateau(monitor=val_loss, factor=0.5, patience=2)}; the monitor
     * defaults to {@link ModelSelection#DEFAULT_MONITOR}.
     */
    public static final Registry<ReduceOnPlateau> PLATEAU =
            new Registry<ReduceOnPlateau>("plateau rule")
                    .register(
                            "reduce_on_plateau",
                            "lower the lr when a metric stalls;"
                                    + " defaults monitor=val_loss, otherwise as torch ReduceLROnPlateau"
                                    + " (mode=min, factor=0.1, patience=10, threshold=1e-4, threshold_mode=rel,"
                                    + " cooldown=0, min_lr=0)",
                            Callbacks::plateau);

    /**
     * e.g. {@code early_stopping(monitor=val_loss, patience=3, restore_best=true)}; the monitor
     * defaults to {@link ModelSelection#DEFAULT_MONITOR}.
     */
    public static final Registry<EarlyStopping> EARLY_STOPPING =
            new Registry<EarlyStopping>("early-stopping rule")
                    .register(
                            "early_stopping",
                            "stop when a metric stops"
                                    + " improving (Keras semantics); defaults monitor=val_loss, mode=min,"
                                    + " min_delta=0, patience=3, start_from=1, restore_best=false",
                            Callbacks::earlyStopping);

    private Callbacks() {}

    private static EarlyStopping earlyStopping(Args a) {
        String monitor = a.string("monitor", ModelSelection.DEFAULT_MONITOR);
        MonitorMode mode = MonitorMode.parse(a.choice("mode", "min", "min", "max"));
        double minDelta = a.nonNegative("min_delta", 0);
        int patience = a.positiveInt("patience", 3);
        int startFrom = a.positiveInt("start_from", 1);
        boolean restore = a.bool("restore_best", false);
        return new EarlyStopping(monitor, mode, minDelta, patience, startFrom, restore);
    }

    private static ReduceOnPlateau plateau(Args a) {
        String monitor = a.string("monitor", ModelSelection.DEFAULT_MONITOR);
        MonitorMode mode = MonitorMode.parse(a.choice("mode", "min", "min", "max"));
        double factor = a.number("factor", 0.1);
        if (!(factor > 0 && factor < 1)) {
            throw a.error("factor", "must be in (0, 1)");
        }
        int patience = a.integer("patience", 10);
        if (patience < 0) {
            throw a.error("patience", "must be >= 0");
        }
        double threshold = a.nonNegative("threshold", 1e-4);
        String thresholdMode = a.choice("threshold_mode", "rel", "rel", "abs");
        int cooldown = a.integer("cooldown", 0);
        if (cooldown < 0) {
            throw a.error("cooldown", "must be >= 0");
        }
        double minLr = a.nonNegative("min_lr", 0);
        return new ReduceOnPlateau(
                monitor, mode, factor, patience, threshold, thresholdMode, cooldown, minLr);
    }
}
