package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * The explicit state of one gradient transform: how many updates it has made, its per-parameter
 * buffers (momentum, second moments, …) and the states of any inner transforms. The trainer
 * owns it, so a checkpoint can save it and a resume can restore it.
 */
public final class TransformState {

    private long count;
    private final List<NDArray> buffers;
    private final List<TransformState> inner;

    public TransformState(List<NDArray> buffers, List<TransformState> inner) {
        this.buffers = List.copyOf(buffers);
        this.inner = List.copyOf(inner);
    }

    /**
     * A state with {@code blocks} zero buffers per parameter (momentum, second moments, …),
     * each with its parameter's shape and type; buffer {@code b} of parameter {@code i} is at
     * {@code b·n + i}.
     */
    public static TransformState zeros(List<NDArray> params, ai.djl.ndarray.NDManager manager,
            int blocks) {
        List<NDArray> buffers = new ArrayList<>(blocks * params.size());
        for (int b = 0; b < blocks; b++) {
            for (NDArray p : params) {
                buffers.add(manager.zeros(p.getShape(), p.getDataType()));
            }
        }
        return new TransformState(buffers, List.of());
    }

    /** A state with no buffers. */
    public static TransformState empty() {
        return new TransformState(List.of(), List.of());
    }

    /** Updates made so far. */
    public long count() {
        return count;
    }

    /** Marks one update made. */
    public void advance() {
        count++;
    }

    /** Per-parameter buffers, in parameter order. */
    public List<NDArray> buffers() {
        return buffers;
    }

    /** States of inner transforms, in chain order. */
    public List<TransformState> inner() {
        return inner;
    }

    /** Every engine tensor in this state and its inner states. */
    public List<NDArray> allArrays() {
        List<NDArray> all = new ArrayList<>(buffers);
        for (TransformState s : inner) {
            all.addAll(s.allArrays());
        }
        return all;
    }
}
