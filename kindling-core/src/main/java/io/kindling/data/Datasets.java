package io.kindling.data;

import io.kindling.config.Args;
import io.kindling.config.Registry;
import io.kindling.data.memory.MemoryArgs;
import io.kindling.data.series.SeriesArgs;
import java.nio.file.Path;
import java.util.Locale;

/** The registry of datasets by name. */
public final class Datasets {

    /**
     * Every dataset, e.g. {@code fashion-mnist(source=subset)} or {@code
     * csv(path='examples/data/iris.csv', target=species)}.
     */
    public static final Registry<DatasetSpec> REGISTRY =
            new Registry<DatasetSpec>("dataset")
                    .register(
                            "fashion-mnist",
                            "Fashion-MNIST 28x28 clothing images, 10 classes; source=auto|full|subset",
                            Datasets::fashionMnist)
                    .alias("fashion_mnist", "fashion-mnist")
                    .register(
                            "csv",
                            "a CSV table with a header row, csv(path='data.csv', target=COLUMN); cleaning"
                                    + " and normalization fitted on the training rows",
                            Datasets::csv)
                    .register(
                            "fold",
                            "fold k of a stratified k-fold split of another dataset's"
                                    + " training split, held out for validation: fold(data=fashion-mnist, k=1,"
                                    + " folds=5, seed=0) (what kindling cv trains)",
                            Datasets::fold)
                    .register(
                            "series",
                            "a numeric column of a CSV in time order as a forecast,"
                                    + " series(path='x.csv', column=NAME, time=NAME, window=32,"
                                    + " horizon=1, stride=1, validation=0, test=0.2, season=1);"
                                    + " split in time, normalized on the training part",
                            SeriesArgs::series)
                    .register(
                            "sines",
                            "a sum of sines with Gaussian noise as a forecast, sines(length=2000,"
                                    + " periods=[24, 100], noise=0.1, seed=0, window=32, …)",
                            SeriesArgs::sines)
                    .register(
                            "mackey-glass",
                            "the chaotic Mackey-Glass series as a forecast,"
                                    + " mackey-glass(length=2000, tau=17, sample=1, seed=0,"
                                    + " window=32, …)",
                            SeriesArgs::mackeyGlass)
                    .alias("mackey_glass", "mackey-glass")
                    .register(
                            "adding",
                            "the adding problem (memory over T steps), adding(steps=100,"
                                    + " train=10000, test=1000, seed=0); trivial MSE 0.167",
                            MemoryArgs::adding)
                    .register(
                            "copy",
                            "the copy task (recall S symbols after T steps), copy(length=10,"
                                    + " delay=100, alphabet=8, train=10000, test=1000, seed=0)",
                            MemoryArgs::copy)
                    .register(
                            "text",
                            "a UTF-8 text file for next-token prediction, text(path='corpus.txt',"
                                    + " context=64, tokenizer=char|byte, stride=context,"
                                    + " test_fraction=0.1); split into contiguous blocks",
                            Datasets::text);

    private Datasets() {}

    private static DatasetSpec fashionMnist(Args a) {
        String source = a.choice("source", "auto", "auto", "full", "subset");
        String dir = a.string("dir", null);
        return new FashionMnistSpec(
                FashionMnist.Source.valueOf(source.toUpperCase(Locale.ROOT)),
                dir == null ? null : Path.of(dir));
    }

    private static DatasetSpec fold(Args a) {
        if (!a.has("data")) {
            throw a.error("data", "is required: the dataset to fold, e.g. data=fashion-mnist");
        }
        int folds = a.integer("folds", 5);
        if (folds < 2) {
            throw a.error("folds", "must be an integer >= 2");
        }
        int k = a.integer("k", 1);
        if (k < 1 || k > folds) {
            throw a.error("k", "must be in [1, folds=" + folds + "]");
        }
        return new FoldSpec(
                Datasets.REGISTRY.create(a.expr("data", null)), k, folds, a.integer("seed", 0));
    }

    private static DatasetSpec text(Args a) {
        String path = a.string("path", null);
        if (path == null || path.isEmpty()) {
            throw a.error("path", "is required: the UTF-8 text file, e.g. path='corpus.txt'");
        }
        int context = a.positiveInt("context", 64);
        String tokenizer = a.choice("tokenizer", "char", "char", "byte");
        int stride = a.positiveInt("stride", context);
        double testFraction = a.number("test_fraction", 0.1);
        if (!(testFraction > 0 && testFraction < 1)) {
            throw a.error("test_fraction", "must be in (0, 1), the share of tokens held out");
        }
        return new TextSpec(
                Path.of(path),
                context,
                Tokenizer.Kind.valueOf(tokenizer.toUpperCase(Locale.ROOT)),
                stride,
                testFraction);
    }

    private static DatasetSpec csv(Args a) {
        String path = a.string("path", null);
        String target = a.string("target", null);
        double testFraction = a.number("test_fraction", 0.2);
        int seed = a.integer("seed", 0);
        boolean dedupe = a.bool("dedupe", true);
        String impute = a.choice("impute", "mean", "mean", "median", "most_frequent");
        String outliers = a.choice("outliers", "none", "none", "clip", "drop");
        double z = a.positive("z", 3);
        String normalize = a.choice("normalize", "standardize", "standardize", "minmax", "none");
        if (path == null || path.isEmpty()) {
            throw a.error("path", "is required: the CSV file to read, e.g. path='data.csv'");
        }
        if (target == null || target.isEmpty()) {
            throw a.error(
                    "target",
                    "is required: the column that holds the class, e.g." + " target=label");
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            throw a.error(
                    "test_fraction",
                    "must be in (0, 1), the share of rows held out for" + " testing");
        }
        return new CsvSpec(
                Path.of(path),
                target,
                testFraction,
                seed,
                dedupe,
                Cleaning.Impute.valueOf(impute.toUpperCase(Locale.ROOT)),
                Cleaning.Outliers.valueOf(outliers.toUpperCase(Locale.ROOT)),
                z,
                Normalization.Method.valueOf(normalize.toUpperCase(Locale.ROOT)));
    }
}
