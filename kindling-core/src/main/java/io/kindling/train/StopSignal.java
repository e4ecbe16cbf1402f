package io.kindling.train;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * A clean stop on Ctrl-C (SIGINT) or SIGTERM: the first signal asks the run to stop after the
 * current step and write a final checkpoint; a second one ends the process at once (exit 130),
 * still leaving the last complete checkpoint intact because checkpoints are written atomically.
 */
public final class StopSignal implements Callback {

    /** The reason recorded for a stop by signal. */
    public static final String REASON = "interrupted";

    private final AtomicBoolean raised = new AtomicBoolean();

    /** Installs the handlers for INT and TERM (process-wide; the last installed one wins). */
    public static StopSignal install() {
        StopSignal s = new StopSignal();
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(
                    new Signal(name),
                    sig -> {
                        if (s.raised.getAndSet(true)) {
                            Runtime.getRuntime().halt(130);
                        }
                        System.err.println();
                        System.err.println(
                                "stopping after this step (signal "
                                        + sig.getName()
                                        + "); press Ctrl-C again to quit at once");
                    });
        }
        return s;
    }

    @Override
    public void onStepEnd(TrainState state, double loss) {
        if (raised.get()) {
            state.requestStop(REASON);
        }
    }
}
