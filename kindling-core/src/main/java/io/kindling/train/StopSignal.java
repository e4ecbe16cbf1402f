package io.kindling.train;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A clean stop on Ctrl-C (SIGINT) or SIGTERM: the first signal asks the run to stop after the
 * current step and write a final checkpoint; a second one ends the process at once (exit 130),
 * still leaving the last complete checkpoint intact because checkpoints are written atomically.
 *
 * <p>The JDK has no public API for signals; {@code sun.misc.Signal} (module {@code
 * jdk.unsupported}, present in every JDK) is reached by reflection, so no source file names an
 * internal API and the Javadoc builds without warnings.
 */
public final class StopSignal implements Callback {

    /** The reason recorded for a stop by signal. */
    public static final String REASON = "interrupted";

    private final AtomicBoolean raised = new AtomicBoolean();

    /** Installs the handlers for INT and TERM (process-wide; the last installed one wins). */
    public static StopSignal install() {
        StopSignal s = new StopSignal();
        for (String name : new String[] {"INT", "TERM"}) {
            handle(
                    name,
                    () -> {
                        if (s.raised.getAndSet(true)) {
                            Runtime.getRuntime().halt(130);
                        }
                        System.err.println();
                        System.err.println(
                                "stopping after this step (signal "
                                        + name
                                        + "); press Ctrl-C again to quit at once");
                    });
        }
        return s;
    }

    /** {@code sun.misc.Signal.handle(new Signal(name), sig -> action.run())}. */
    private static void handle(String name, Runnable action) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object proxy =
                    Proxy.newProxyInstance(
                            handler.getClassLoader(),
                            new Class<?>[] {handler},
                            (self, method, args) -> {
                                if (method.getName().equals("handle")) {
                                    action.run();
                                    return null;
                                }
                                if (method.getName().equals("toString")) {
                                    return "kindling stop on SIG" + name;
                                }
                                if (method.getName().equals("hashCode")) {
                                    return System.identityHashCode(self);
                                }
                                return method.getName().equals("equals") && self == args[0];
                            });
            signal.getMethod("handle", signal, handler)
                    .invoke(null, signal.getConstructor(String.class).newInstance(name), proxy);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot install a handler for SIG" + name, e);
        }
    }

    @Override
    public void onStepEnd(TrainState state, double loss) {
        if (raised.get()) {
            state.requestStop(REASON);
        }
    }
}
