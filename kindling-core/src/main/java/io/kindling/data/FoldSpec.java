package io.kindling.data;

import io.kindling.config.Call;
import io.kindling.config.CallBuilder;

/**
 * One fold of a stratified k-fold split of another dataset's training split: fold {@code k}
 * (1-based) is held out as the validation split, the other folds train; the test split is the inner
 * dataset's. Written {@code fold(data=fashion-mnist, k=2, folds=5, seed=0)}, so each fold's run
 * folder records exactly which rows it trained on.
 *
 * @param data the dataset whose training split is folded
 * @param k the held-out fold, in [1, folds]
 * @param folds number of folds, at least 2
 * @param seed shuffles each class before dealing rows to folds
 */
public record FoldSpec(DatasetSpec data, int k, int folds, long seed) implements DatasetSpec {

    public FoldSpec {
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be >= 2, got " + folds);
        }
        if (k < 1 || k > folds) {
            throw new IllegalArgumentException("fold k must be in [1, " + folds + "], got " + k);
        }
    }

    @Override
    public Dataset load() {
        Dataset inner = data.load();
        if (inner instanceof io.kindling.data.series.Forecasting) {
            throw new DataException(
                    inner.name()
                            + " is a time series: k-fold cross-validation would validate on"
                            + " windows between training windows, so on the past and the future"
                            + " of what it trained on; use the series' own validation=SHARE"
                            + " (a stretch before the test part) instead of folds");
        }
        int[][] all = Splits.folds(inner.trainTargets(), folds, seed);
        int[] held = all[k - 1];
        return inner.withValidation(Splits.complement(held, inner.trainSize()), held);
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("fold")
                .arg("data", data)
                .arg("k", k)
                .arg("folds", folds)
                .arg("seed", (int) seed)
                .build();
    }
}
