package io.kindling.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;

/**
 * The one place Kindling touches the compute engine directly: starting DJL's PyTorch engine offline
 * with explicit thread counts, seeding its generator, and the few engine calls DJL's generic API
 * lacks (zeroing a gradient in place, a row gather without advanced indexing).
 */
public final class Compute {

    private static final NDIndex EVERY_ELEMENT = new NDIndex("...");

    private static Threads started;

    private Compute() {}

    /**
     * Thread counts for libtorch.
     *
     * @param intraOp threads inside one operator (matrix products)
     * @param interOp threads running independent operators
     */
    public record Threads(int intraOp, int interOp) {

        public Threads {
            if (intraOp < 1 || interOp < 1) {
                throw new IllegalArgumentException(
                        "thread counts must be >= 1, got intra-op "
                                + intraOp
                                + ", inter-op "
                                + interOp);
            }
        }

        /** Intra-op threads = available cores, one inter-op thread. */
        public static Threads defaults() {
            return new Threads(Runtime.getRuntime().availableProcessors(), 1);
        }
    }

    /**
     * Starts (or reuses) the PyTorch engine without network access and sets its threads. libtorch
     * fixes the inter-op count at its first parallel call, so only the first call's inter-op value
     * takes effect; the intra-op count can change at any time.
     *
     * @param threads thread counts
     * @return the engine
     */
    public static synchronized Engine start(Threads threads) {
        System.setProperty("ai.djl.offline", "true");
        if (started == null) {
            System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads.intraOp()));
            System.setProperty(
                    "ai.djl.pytorch.num_interop_threads", String.valueOf(threads.interOp()));
            started = threads;
        }
        Engine engine = Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(threads.intraOp());
        return engine;
    }

    /** The thread counts in effect (inter-op as first set). */
    public static synchronized Threads threads() {
        return started == null
                ? Threads.defaults()
                : new Threads(JniUtils.getNumThreads(), started.interOp());
    }

    /** Seeds the engine's random generator (used by initializers and dropout). */
    public static void seed(long seed) {
        Engine.getEngine("PyTorch").setRandomSeed((int) (seed ^ (seed >>> 32)));
    }

    /** Sets a parameter's accumulated gradient to zero in place. */
    public static void zeroGradient(NDArray parameter) {
        JniUtils.zeroGrad((PtNDArray) parameter);
    }

    /**
     * Rows of a table, {@code table.index_select(0, index)}: for a {@code (N, F)} table and int64
     * indices {@code (B)}, the {@code (B, F)} array of those rows, owned by {@code index}'s
     * manager. DJL's {@code get(NDIndex)} with an index array goes through libtorch's advanced
     * indexing and a native index object, several times slower for a batch of rows (about 450 vs 50
     * µs for 128 rows of 784 floats, torch 2.13); libtorch's embedding lookup is exactly a row
     * gather, in one call.
     *
     * @param table a 2-D array
     * @param index int64 row indices
     * @return the gathered rows
     */
    public static NDArray rows(NDArray table, NDArray index) {
        return JniUtils.embedding((PtNDArray) index, (PtNDArray) table, false);
    }

    /**
     * Runs {@code op} with libtorch's (thread-local) grad mode on, then restores it. Some fused
     * operators choose their kernel by grad mode rather than by their {@code train} argument
     * (oneDNN's LSTM: the training kernel when grad mode is on, the inference kernel when off); an
     * operator whose inputs require no gradient records nothing even so.
     *
     * @param op the engine calls to make
     * @return what {@code op} returns
     */
    public static <T> T withGradMode(Supplier<T> op) {
        boolean was = JniUtils.isGradMode();
        if (was) {
            return op.get();
        }
        JniUtils.setGradMode(true);
        try {
            return op.get();
        } finally {
            JniUtils.setGradMode(false);
        }
    }

    /**
     * Overwrites every element of {@code target} with {@code source}'s, in place and engine-side
     * ({@code target[...] = source}, with grad mode off for the one call). DJL's {@code
     * NDArray.copyTo} goes through a Java buffer (a copy out of libtorch and one back in) and its
     * libtorch call prints "AutoNonVariableTypeMode is deprecated" on the user's console.
     *
     * @throws IllegalArgumentException if the shapes or data types differ
     */
    public static void copy(NDArray source, NDArray target) {
        if (!source.getShape().equals(target.getShape())
                || source.getDataType() != target.getDataType()) {
            throw new IllegalArgumentException(
                    "cannot copy "
                            + source.getDataType()
                            + source.getShape()
                            + " into "
                            + target.getDataType()
                            + target.getShape()
                            + ": shapes and data types must be equal");
        }
        boolean grad = JniUtils.isGradMode();
        if (grad) {
            JniUtils.setGradMode(false);
        }
        try {
            target.set(EVERY_ELEMENT, source);
        } finally {
            if (grad) {
                JniUtils.setGradMode(true);
            }
        }
    }

    /** Whether libtorch records gradients on this thread now (its grad mode). */
    public static boolean recordsGradients() {
        return JniUtils.isGradMode();
    }

    /** The PyTorch (libtorch) version in use. */
    public static String torchVersion() {
        return Engine.getEngine("PyTorch").getVersion();
    }

    /** The DJL version in use. */
    public static String djlVersion() {
        return Engine.getDjlVersion();
    }
}
