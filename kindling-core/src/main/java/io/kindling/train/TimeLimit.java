package io.kindling.train;

import io.kindling.config.ConfigException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A wall-clock budget: once {@code limit} has passed since training started (this process), the run
 * stops after the current step, evaluates, and writes its final checkpoint. A resumed run gets the
 * limit afresh.
 */
public final class TimeLimit implements Callback {

    private final Duration limit;
    private long start;

    /**
     * @param limit the budget, positive
     */
    public TimeLimit(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("time limit must be positive, got " + limit);
        }
        this.limit = limit;
    }

    @Override
    public void onTrainStart(TrainState state) {
        start = System.nanoTime();
    }

    @Override
    public void onStepEnd(TrainState state, double loss) {
        if (System.nanoTime() - start >= limit.toNanos()) {
            state.requestStop("time_limit");
        }
    }

    /**
     * Parses {@code 90}, {@code 90s}, {@code 15m}, {@code 2h} or {@code 1h30m}.
     *
     * @throws io.kindling.config.ConfigException naming the value and the accepted forms
     */
    public static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s?)?").matcher(t);
        if (t.isEmpty() || !m.matches()) {
            throw new ConfigException(
                    "time_limit '"
                            + text
                            + "' is not a duration; accepted: seconds (90 or 90s), minutes (15m),"
                            + " hours (2h), or combined (1h30m)");
        }
        long seconds = 0;
        seconds += m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 3600;
        seconds += m.group(2) == null ? 0 : Long.parseLong(m.group(2)) * 60;
        seconds += m.group(3) == null ? 0 : Long.parseLong(m.group(3));
        if (seconds == 0) {
            throw new ConfigException(
                    "time_limit '"
                            + text
                            + "' is zero; give a positive duration such as 90s, 15m or 2h");
        }
        return Duration.ofSeconds(seconds);
    }

    /** The text form accepted by {@link #parse}. */
    public static String print(Duration d) {
        return d.toSeconds() + "s";
    }
}
