package io.kindling.engine.check;

import java.util.Locale;

/**
 * How a case is computed: libtorch may run different kernels in each (oneDNN picks its LSTM kernel
 * by grad mode), so each is checked on its own.
 */
public enum Mode {
    /** Forward with gradients off, as evaluation runs. */
    INFERENCE,
    /**
     * Forward inside a gradient collector with {@code training = true}, as a training step runs.
     */
    TRAINING,
    /** The gradients of that training forward pass. */
    BACKWARD;

    /** The lower-case name, as reports print it. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
