package io.kindling.data.series;

import io.kindling.config.CallBuilder;

/** Where a series comes from: a CSV column or a generator. */
public sealed interface SeriesSource permits CsvSeries, Sines, MackeyGlass {

    /** The dataset expression's name, e.g. {@code series} or {@code mackey-glass}. */
    String kind();

    /** Reads or generates the series. */
    Series read();

    /** Adds this source's arguments to an expression being printed. */
    void describe(CallBuilder call);
}
