package io.kindling.data;

import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A classification table read from a CSV file with a header row ({@link CsvTable}): the {@code
 * target} column holds the class, every other column is an input. Rows are cleaned ({@link
 * Cleaning}), a stratified {@code test_fraction} of them is held out as the test split ({@link
 * Splits#holdout} with {@code seed}), and imputation, outliers and normalization ({@link
 * Normalization}) are fitted on the training rows only.
 *
 * <p>Example, every argument but {@code path} and {@code target} at its default: {@code
 * csv(path='data.csv', target=label, test_fraction=0.2, seed=0, dedupe=true, impute=mean,
 * outliers=none, z=3, normalize=standardize)}.
 *
 * @param path the CSV file, relative to the working folder or absolute
 * @param target the name of the class column
 * @param testFraction share of the cleaned rows held out for testing, in (0, 1)
 * @param seed shuffles each class before the holdout cut
 * @param dedupe whether exact duplicate rows are dropped (the first is kept)
 * @param impute how missing numeric cells are filled
 * @param outliers what happens to values with {@code |z| > z}
 * @param z the outlier threshold, {@code > 0}
 * @param normalize how numeric columns are scaled
 */
public record CsvSpec(
        Path path,
        String target,
        double testFraction,
        int seed,
        boolean dedupe,
        Cleaning.Impute impute,
        Cleaning.Outliers outliers,
        double z,
        Normalization.Method normalize)
        implements DatasetSpec {

    /** Checks the values an expression could not have checked. */
    public CsvSpec {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(impute, "impute");
        Objects.requireNonNull(outliers, "outliers");
        Objects.requireNonNull(normalize, "normalize");
        if (target == null || target.isEmpty()) {
            throw new IllegalArgumentException("csv needs target=COLUMN, the class column");
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException(
                    "test_fraction must be in (0, 1), got " + testFraction);
        }
        if (!(z > 0) || !Double.isFinite(z)) {
            throw new IllegalArgumentException("z must be a finite number > 0, got " + z);
        }
    }

    /** {@code path} and {@code target} with every other argument at its default. */
    public CsvSpec(Path path, String target) {
        this(
                path,
                target,
                0.2,
                0,
                true,
                Cleaning.Impute.MEAN,
                Cleaning.Outliers.NONE,
                3,
                Normalization.Method.STANDARDIZE);
    }

    @Override
    public TabularData load() {
        return TabularData.from(CsvTable.read(path), this);
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("csv")
                .argQuoted("path", path.toString())
                .arg("target", target)
                .arg("test_fraction", testFraction)
                .arg("seed", seed)
                .arg("dedupe", dedupe)
                .arg("impute", impute.key())
                .arg("outliers", outliers.key())
                .arg("z", z)
                .arg("normalize", normalize.key())
                .build();
    }
}
