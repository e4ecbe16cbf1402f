package io.kindling.data.series;

import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.data.DatasetSpec;
import java.util.Objects;

/**
 * A forecasting dataset: a series ({@link SeriesSource}) split in time ({@link
 * ChronologicalSplit}), normalized with the training part's mean and std ({@code normalize=true}),
 * and cut into sliding windows ({@link Windows}) within each part. The baselines read off each
 * window use the period {@code season} ({@link Forecast}).
 *
 * <p>Example: {@code series(path='examples/data/seattle-temps-2010q1.csv', column=temp, time=date,
 * window=48, horizon=1, stride=1, validation=0.1, test=0.2, season=24, normalize=true)}.
 *
 * @param source the series
 * @param windows window, horizon and stride
 * @param split the shares of the validation and test stretches
 * @param season the seasonal period of the baselines and MASE, {@code 1 ≤ season ≤ window}
 * @param normalize whether values are standardized with the training stretch's mean and std
 */
public record SeriesSpec(
        SeriesSource source,
        Windows windows,
        ChronologicalSplit split,
        int season,
        boolean normalize)
        implements DatasetSpec {

    public SeriesSpec {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(windows, "windows");
        Objects.requireNonNull(split, "split");
        if (season < 1 || season > windows.window()) {
            throw new IllegalArgumentException(
                    "season="
                            + season
                            + " must be in [1, window="
                            + windows.window()
                            + "]: the seasonal-naive forecast repeats a value of the window");
        }
    }

    @Override
    public SeriesData load() {
        return SeriesData.of(this, source.read());
    }

    @Override
    public Call toExpr() {
        CallBuilder call = CallBuilder.call(source.kind());
        source.describe(call);
        return call.arg("window", windows.window())
                .arg("horizon", windows.horizon())
                .arg("stride", windows.stride())
                .arg("validation", split.validation())
                .arg("test", split.test())
                .arg("season", season)
                .arg("normalize", normalize)
                .build();
    }
}
