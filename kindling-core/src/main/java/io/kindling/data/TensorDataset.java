package io.kindling.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.kindling.engine.Compute;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * One split of a dataset held engine-side for training: all images as a single float32 array {@code
 * x} of shape {@code (N, height·width)} scaled to [0, 1], and all labels as an int64 array {@code
 * y} of shape {@code (N)}. A batch is gathered from these by row index on the engine, so no pixel
 * crosses back into Java during training.
 *
 * <p>Both arrays belong to the manager given at creation and are freed when it (or this dataset)
 * closes.
 */
public final class TensorDataset implements AutoCloseable {

    private final NDArray x;
    private final NDArray y;

    /**
     * {@code y} as a table of rows, {@code (N, values per example)}, so targets gather as rows too:
     * class labels as one column, multi-value targets flattened per example.
     */
    private final NDArray yRows;

    private final int size;
    private final int features;
    private final int classes;
    private Standardization standardization;

    private TensorDataset(NDArray x, NDArray y, int features, int classes) {
        this.x = x;
        this.y = y;
        this.size = Math.toIntExact(y.getShape().get(0));
        this.yRows = y.reshape(size, -1);
        this.features = features;
        this.classes = classes;
    }

    /**
     * A split from arrays already on the engine: inputs {@code (N, features)} float32 (a sequence
     * or an image flattened per example, as {@link io.kindling.nn.InputShape} describes) and
     * targets of any shape {@code (N, ...)}, e.g. int64 labels {@code (N)}, float32 values {@code
     * (N, horizon)} or int64 next tokens {@code (N, steps)}. This dataset owns both arrays.
     *
     * @param x inputs, rank 2
     * @param y targets, first dimension N
     * @param classes number of classes (or vocabulary size), 0 for real-valued targets
     * @return the split
     * @throws IllegalArgumentException if the shapes disagree
     */
    public static TensorDataset of(NDArray x, NDArray y, int classes) {
        Shape xs = x.getShape();
        if (xs.dimension() != 2
                || y.getShape().dimension() < 1
                || xs.get(0) != y.getShape().get(0)) {
            throw new IllegalArgumentException(
                    "inputs must be (N, features) and targets (N, ...); got "
                            + xs
                            + " and "
                            + y.getShape());
        }
        return new TensorDataset(x, y, Math.toIntExact(xs.get(1)), classes);
    }

    /**
     * A split from real-valued inputs (tables).
     *
     * @param inputs float inputs, {@code N × features}, row-major
     * @param labels class index of every row, each in {@code [0, classes)}
     * @param features inputs per example
     * @param classes number of classes
     * @param manager the manager that will own the arrays
     * @return the split
     */
    public static TensorDataset of(
            float[] inputs, int[] labels, int features, int classes, NDManager manager) {
        if ((long) labels.length * features != inputs.length) {
            throw new IllegalArgumentException(
                    labels.length
                            + " labels need "
                            + (long) labels.length * features
                            + " inputs, got "
                            + inputs.length);
        }
        long[] y = new long[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new DataException(
                        "Bad label: label "
                                + labels[i]
                                + " at index "
                                + i
                                + " is not in [0, "
                                + classes
                                + ")");
            }
            y[i] = labels[i];
        }
        return new TensorDataset(
                manager.create(inputs, new Shape(labels.length, features)),
                manager.create(y),
                features,
                classes);
    }

    /**
     * A split from raw bytes.
     *
     * @param images unsigned-byte pixels, {@code N × features}, row-major
     * @param labels unsigned-byte labels, {@code N}
     * @param features pixels per example
     * @param classes number of classes
     * @param manager the manager that will own the arrays
     * @return the split
     */
    public static TensorDataset of(
            byte[] images, byte[] labels, int features, int classes, NDManager manager) {
        if ((long) labels.length * features != images.length) {
            throw new IllegalArgumentException(
                    labels.length
                            + " labels need "
                            + (long) labels.length * features
                            + " pixels, got "
                            + images.length);
        }
        ImageClassificationData.checkLabels("the labels given", labels, classes);
        // The bytes go to the engine as uint8 (a quarter of the float32 size) and are widened
        // there; byte / 255f is exact in float32 on both sides, so nothing is lost.
        NDArray x;
        try (NDArray raw =
                manager.create(
                        ByteBuffer.wrap(images),
                        new Shape(labels.length, features),
                        DataType.UINT8)) {
            x = raw.toType(DataType.FLOAT32, false).divi(255f);
        }
        NDArray y;
        try (NDArray raw =
                manager.create(ByteBuffer.wrap(labels), new Shape(labels.length), DataType.UINT8)) {
            y = raw.toType(DataType.INT64, false);
        }
        return new TensorDataset(x, y, features, classes);
    }

    /**
     * Standardizes the pixels in place, {@code x = (x - mean) / std}. Use the training split's
     * statistics for both splits ({@link Dataset#fitStandardization}).
     *
     * @param s the statistics
     * @return this dataset
     * @throws IllegalStateException if the split is already standardized
     */
    public TensorDataset standardize(Standardization s) {
        if (standardization != null) {
            throw new IllegalStateException("split already standardized with " + standardization);
        }
        x.subi((float) s.mean()).divi((float) s.std());
        standardization = s;
        return this;
    }

    /** Same as {@link #standardize(Standardization)} with the given mean and std. */
    public TensorDataset standardize(double mean, double std) {
        return standardize(new Standardization(mean, std));
    }

    /** The standardization applied, if any. */
    public Optional<Standardization> standardization() {
        return Optional.ofNullable(standardization);
    }

    /**
     * Gathers the given rows on the engine.
     *
     * @param stepManager the manager that will own the batch (close it to free the batch)
     * @param indices row indices, each in {@code [0, size)}
     * @return {@code (x, y)}: float32 {@code (B, features)} and the targets' rows, e.g. int64
     *     {@code (B)} for class labels
     */
    public NDList batch(NDManager stepManager, int[] indices) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("a batch needs at least one row");
        }
        long[] rows = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= size) {
                throw new IndexOutOfBoundsException(
                        "row "
                                + indices[i]
                                + " at position "
                                + i
                                + " is outside the split's "
                                + size
                                + " rows");
            }
            rows[i] = indices[i];
        }
        // The gathered rows belong to the index's manager, the step's.
        NDArray index = stepManager.create(rows);
        NDArray bx = Compute.rows(x, index);
        // Shape.getShape() hands out the shape's own array: copy it, or y's shape changes.
        long[] targetShape = y.getShape().getShape().clone();
        targetShape[0] = rows.length;
        NDArray by = Compute.rows(yRows, index).reshape(new Shape(targetShape));
        return new NDList(bx, by);
    }

    /** Number of examples. */
    public int size() {
        return size;
    }

    /** Pixels per example. */
    public int features() {
        return features;
    }

    /** Number of classes (or the vocabulary size), 0 for real-valued targets. */
    public int classes() {
        return classes;
    }

    /** All images, float32 {@code (N, features)}; do not close. */
    public NDArray x() {
        return x;
    }

    /** All targets, e.g. int64 labels {@code (N)}; do not close. */
    public NDArray y() {
        return y;
    }

    /** Frees both arrays now rather than when their manager closes. */
    @Override
    public void close() {
        yRows.close();
        x.close();
        y.close();
    }
}
