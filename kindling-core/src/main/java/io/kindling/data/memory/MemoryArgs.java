package io.kindling.data.memory;

import io.kindling.config.Args;

/** Reads the memory tasks' expressions: {@code adding(...)} and {@code copy(...)}. */
public final class MemoryArgs {

    private MemoryArgs() {}

    /** {@code adding(steps=100, train=10000, test=1000, seed=0)}. */
    public static AddingProblem adding(Args a) {
        int steps = a.integer("steps", 100);
        if (steps < 2) {
            throw a.error("steps", "must be an integer >= 2: the sequence length T");
        }
        return new AddingProblem(
                steps,
                a.positiveInt("train", 10000),
                a.positiveInt("test", 1000),
                a.integer("seed", 0));
    }

    /** {@code copy(length=10, delay=100, alphabet=8, train=10000, test=1000, seed=0)}. */
    public static CopyTask copy(Args a) {
        int length = a.positiveInt("length", 10);
        int delay = a.positiveInt("delay", 100);
        int alphabet = a.integer("alphabet", 8);
        if (alphabet < 2) {
            throw a.error("alphabet", "must be an integer >= 2: the symbols to copy");
        }
        return new CopyTask(
                length,
                delay,
                alphabet,
                a.positiveInt("train", 10000),
                a.positiveInt("test", 1000),
                a.integer("seed", 0));
    }
}
