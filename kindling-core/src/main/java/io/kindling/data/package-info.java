/**
 * Datasets: reading them and feeding them to the engine.
 *
 * <ul>
 *   <li>{@link io.kindling.data.Dataset} is what the trainer sees: training, validation and test
 *       splits, with anything fitted to data fitted on the training rows only.
 *   <li>{@link io.kindling.data.IdxReader} reads IDX files (gzipped or raw) into an {@link
 *       io.kindling.data.IdxArray}, failing with a {@link io.kindling.data.DataException} that
 *       names the file and byte offset.
 *   <li>{@link io.kindling.data.FashionMnist} loads Fashion-MNIST as {@link
 *       io.kindling.data.ImageClassificationData}: the full set where installed, or the stratified
 *       subset shipped under {@code io/kindling/data/fashion-mnist-subset}.
 *   <li>{@link io.kindling.data.TensorDataset} holds one split as engine arrays and gathers batches
 *       from them; {@link io.kindling.data.Standardization} is fitted on training pixels; {@link
 *       io.kindling.data.BatchOrder} gives each epoch's seeded shuffle.
 *   <li>{@link io.kindling.data.CsvTable} reads CSV files; {@link io.kindling.data.Cleaning}
 *       (duplicates, imputation, outliers) and {@link io.kindling.data.Normalization} make {@link
 *       io.kindling.data.TabularData} from them ({@code csv(...)}).
 *   <li>{@link io.kindling.data.Splits} gives stratified holdouts and k folds ({@link
 *       io.kindling.data.ImageSplits}, {@link io.kindling.data.FoldSpec}).
 *   <li>{@link io.kindling.data.Augmentation} augments training images per step, seeded.
 *   <li>{@link io.kindling.data.Datasets} registers datasets by name for experiment files.
 * </ul>
 */
package io.kindling.data;
