package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.engine.Compute;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The explicit state of one gradient transform: how many updates it has made, its per-parameter
 * buffers (momentum, second moments, …) and the states of any inner transforms. The trainer owns
 * it, so a checkpoint can save it and a resume can restore it.
 */
public final class TransformState {

    private long count;
    private double scale = 1;
    private boolean injected;
    private final List<NDArray> buffers;
    private final List<TransformState> inner;

    public TransformState(List<NDArray> buffers, List<TransformState> inner) {
        this.buffers = List.copyOf(buffers);
        this.inner = List.copyOf(inner);
    }

    /**
     * A state with {@code blocks} zero buffers per parameter (momentum, second moments, …), each
     * with its parameter's shape and type; buffer {@code b} of parameter {@code i} is at {@code b·n
     * + i}.
     */
    public static TransformState zeros(List<NDArray> params, NDManager manager, int blocks) {
        List<NDArray> buffers = new ArrayList<>(blocks * params.size());
        for (int b = 0; b < blocks; b++) {
            for (NDArray p : params) {
                buffers.add(manager.zeros(p.getShape(), p.getDataType()));
            }
        }
        return new TransformState(buffers, List.of());
    }

    /**
     * The state of a transform that injects a hyper-parameter ({@link InjectLearningRate}): its
     * {@link #scale()} is what {@link #setInjectedScales} sets.
     */
    public static TransformState injected(List<TransformState> inner) {
        TransformState s = new TransformState(List.of(), inner);
        s.injected = true;
        return s;
    }

    /**
     * Sets the scale of every injecting state in this tree (e.g. each parameter group's learning
     * rate), leaving the others at 1.
     *
     * @param newScale the factor, finite and &gt; 0
     * @return how many states were set
     */
    public int setInjectedScales(double newScale) {
        int n = 0;
        if (injected) {
            setScale(newScale);
            n++;
        }
        for (TransformState s : inner) {
            n += s.setInjectedScales(newScale);
        }
        return n;
    }

    /** A state with no buffers. */
    public static TransformState empty() {
        return new TransformState(List.of(), List.of());
    }

    /**
     * The factor rules put on this transform's injected hyper-parameter (the learning rate of
     * {@link InjectLearningRate}: reduce-on-plateau and NaN rollback set it); 1 elsewhere.
     */
    public double scale() {
        return scale;
    }

    /** Sets {@link #scale()}. */
    public void setScale(double newScale) {
        if (!(newScale > 0) || Double.isInfinite(newScale)) {
            throw new IllegalArgumentException(
                    "a hyper-parameter scale must be finite and > 0," + " got " + newScale);
        }
        scale = newScale;
    }

    /** The scales of this state and its inner states, depth first (for a checkpoint). */
    public List<Double> scales() {
        List<Double> all = new ArrayList<>();
        all.add(scale);
        for (TransformState s : inner) {
            all.addAll(s.scales());
        }
        return all;
    }

    /**
     * Puts back scales written by {@link #scales()}.
     *
     * @throws IllegalArgumentException when the saved state has another structure
     */
    public void restoreScales(List<Double> scales) {
        if (scales.size() != scales().size()) {
            throw new IllegalArgumentException(
                    "saved optimizer state has "
                            + scales.size()
                            + " scales; this optimizer has "
                            + scales().size());
        }
        restoreScales(new ArrayDeque<>(scales));
    }

    private void restoreScales(Deque<Double> scales) {
        scale = scales.removeFirst();
        for (TransformState s : inner) {
            s.restoreScales(scales);
        }
    }

    /** Updates made so far. */
    public long count() {
        return count;
    }

    /** Marks one update made. */
    public void advance() {
        count++;
    }

    /** The update counts of this state and its inner states, depth first (for a checkpoint). */
    public List<Long> counts() {
        List<Long> all = new ArrayList<>();
        all.add(count);
        for (TransformState s : inner) {
            all.addAll(s.counts());
        }
        return all;
    }

    /**
     * Puts back counts written by {@link #counts()}, and copies saved buffer values into {@link
     * #allArrays()} in place.
     *
     * @throws IllegalArgumentException when the saved state has another structure
     */
    public void restore(List<Long> counts, List<NDArray> arrays) {
        List<NDArray> mine = allArrays();
        if (counts.size() != counts().size() || arrays.size() != mine.size()) {
            throw new IllegalArgumentException(
                    "saved optimizer state has "
                            + counts.size()
                            + " counts and "
                            + arrays.size()
                            + " buffers; this optimizer has "
                            + counts().size()
                            + " and "
                            + mine.size());
        }
        for (int i = 0; i < arrays.size(); i++) {
            if (!arrays.get(i).getShape().equals(mine.get(i).getShape())
                    || arrays.get(i).getDataType() != mine.get(i).getDataType()) {
                throw new IllegalArgumentException(
                        "saved optimizer buffer "
                                + i
                                + " is "
                                + arrays.get(i).getDataType()
                                + arrays.get(i).getShape()
                                + ", expected "
                                + mine.get(i).getDataType()
                                + mine.get(i).getShape());
            }
            Compute.copy(arrays.get(i), mine.get(i));
        }
        restoreCounts(new ArrayDeque<>(counts));
    }

    private void restoreCounts(Deque<Long> counts) {
        count = counts.removeFirst();
        for (TransformState s : inner) {
            s.restoreCounts(counts);
        }
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
