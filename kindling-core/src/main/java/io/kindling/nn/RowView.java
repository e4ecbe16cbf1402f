package io.kindling.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;

/**
 * Views each row of a batch as the example it holds, so the data pipeline stays one row per example
 * for every family: images {@code (N, C·H·W) → (N, C, H, W)} (PyTorch's NCHW layout, which
 * convolutional models start with) and sequences {@code (N, steps·perStep) → (N, steps, perStep)}
 * (the batch-first layout of {@code torch.nn.LSTM(batch_first=True)}, which recurrent models start
 * with).
 */
public final class RowView extends AbstractBlock {

    private static final byte VERSION = 1;

    private final InputShape example;
    private final long[] dims;

    private RowView(InputShape example, long... dims) {
        super(VERSION);
        this.example = example;
        this.dims = dims;
    }

    /**
     * Each row as an image of {@code example}'s channels, height and width.
     *
     * @throws IllegalArgumentException if the examples are not images
     */
    public static RowView image(InputShape example) {
        if (!example.isImage()) {
            throw new IllegalArgumentException("an image view needs images, got " + example);
        }
        return new RowView(example, example.channels(), example.height(), example.width());
    }

    /**
     * Each row as a sequence of {@code example}'s steps.
     *
     * @throws IllegalArgumentException if the examples are not sequences
     */
    public static RowView sequence(InputShape example) {
        if (!example.isSequence()) {
            throw new IllegalArgumentException("a sequence view needs sequences, got " + example);
        }
        return new RowView(example, example.steps(), example.perStep());
    }

    private Shape batchOf(long n) {
        long[] shape = new long[dims.length + 1];
        shape[0] = n;
        System.arraycopy(dims, 0, shape, 1, dims.length);
        return new Shape(shape);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        var x = inputs.singletonOrThrow();
        return new NDList(x.reshape(batchOf(x.getShape().get(0))));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {batchOf(inputShapes[0].get(0))};
    }

    @Override
    public String toString() {
        return "RowView(" + example + " = " + Arrays.toString(dims) + ")";
    }
}
