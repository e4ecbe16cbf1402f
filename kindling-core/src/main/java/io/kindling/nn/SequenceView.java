package io.kindling.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Views each step-major row as a sequence: {@code (N, steps·perStep) → (N, steps, perStep)}, the
 * batch-first layout of {@code torch.nn.LSTM(batch_first=True)}. Recurrent models start with it, so
 * the data pipeline stays one row per example for every family.
 */
public final class SequenceView extends AbstractBlock {

    private static final byte VERSION = 1;

    private final InputShape sequence;

    /**
     * @param sequence the sequence shape of each row
     */
    public SequenceView(InputShape sequence) {
        super(VERSION);
        if (!sequence.isSequence()) {
            throw new IllegalArgumentException("a sequence view needs sequences, got " + sequence);
        }
        this.sequence = sequence;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        var x = inputs.singletonOrThrow();
        return new NDList(x.reshape(x.getShape().get(0), sequence.steps(), sequence.perStep()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {
            new Shape(
                    new long[] {inputShapes[0].get(0), sequence.steps(), sequence.perStep()}, "NTC")
        };
    }

    @Override
    public String toString() {
        return "SequenceView(" + sequence + ")";
    }
}
