package io.kindling.nn;

import ai.djl.ndarray.NDArray;
import java.util.IdentityHashMap;

/**
 * Collects what the {@link Probe}s of a model see during the forward passes made while it is open
 * on the current thread. Opened with dropout quiet, it also switches off every Kindling dropout
 * layer, so a diagnosis can run in training mode (batch-norm on batch statistics, as in training)
 * without dropout's noise.
 *
 * <pre>{@code
 * try (ProbeSession probes = ProbeSession.open(true)) {
 *     model.block().forward(store, new NDList(x), true);
 *     NDArray h = probes.get(someProbe);
 * }
 * }</pre>
 *
 * The tensors belong to the forward pass's manager; read them before it closes.
 */
public final class ProbeSession implements AutoCloseable {

    private static final ThreadLocal<ProbeSession> CURRENT = new ThreadLocal<>();

    private final IdentityHashMap<Probe, NDArray> seen = new IdentityHashMap<>();
    private final boolean quietDropout;
    private final ProbeSession outer;

    private ProbeSession(boolean quietDropout, ProbeSession outer) {
        this.quietDropout = quietDropout;
        this.outer = outer;
    }

    /**
     * Opens a session on this thread.
     *
     * @param quietDropout whether Kindling's dropout layers pass their input through unchanged
     *     while the session is open
     * @return the session; close it to stop recording
     */
    public static ProbeSession open(boolean quietDropout) {
        ProbeSession s = new ProbeSession(quietDropout, CURRENT.get());
        CURRENT.set(s);
        return s;
    }

    static void observe(Probe probe, NDArray value) {
        ProbeSession s = CURRENT.get();
        if (s != null) {
            s.seen.put(probe, value);
        }
    }

    /** Whether dropout layers should pass their input through on this thread now. */
    static boolean dropoutQuiet() {
        ProbeSession s = CURRENT.get();
        return s != null && s.quietDropout;
    }

    /**
     * The last tensor the probe saw in this session.
     *
     * @throws IllegalStateException if the probe saw nothing (it is not on the forward path)
     */
    public NDArray get(Probe probe) {
        NDArray a = seen.get(probe);
        if (a == null) {
            throw new IllegalStateException("probe " + probe + " saw nothing in this session");
        }
        return a;
    }

    /** Whether the probe saw a tensor in this session. */
    public boolean saw(Probe probe) {
        return seen.containsKey(probe);
    }

    @Override
    public void close() {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }
}
