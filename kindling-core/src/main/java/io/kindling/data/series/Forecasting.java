package io.kindling.data.series;

/** A dataset of forecasts, which says how its baselines read off a window ({@link Forecast}). */
public interface Forecasting {

    /** The layout of the windows, the season and MASE's scale. */
    Forecast forecast();
}
