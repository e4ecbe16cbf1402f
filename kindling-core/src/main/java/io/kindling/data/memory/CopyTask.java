package io.kindling.data.memory;

import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.data.DatasetSpec;
import io.kindling.data.TargetKind;
import io.kindling.nn.InputShape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The copy task (Hochreiter &amp; Schmidhuber 1997; in the form of Arjovsky, Shah &amp; Bengio
 * 2016, "Unitary evolution recurrent neural networks", arXiv:1511.06464, §4.1): a sequence of
 * {@code length} symbols drawn uniformly from an alphabet of {@code alphabet} symbols is followed
 * by {@code delay − 1} blanks, a delimiter and {@code length} more blanks; the model must output
 * blanks until the delimiter and then the {@code length} symbols it saw. Each example has {@code
 * steps = delay + 2·length} steps.
 *
 * <p>Input categories per step: 0 blank, 1 … A symbols, A + 1 delimiter, one-hot, so inputs are
 * {@code InputShape.sequence(steps, alphabet + 2)}. Targets are int64 {@code (N, steps)} over
 * {@code alphabet + 1} classes (blank and the symbols; the delimiter is never a target): {@link
 * TargetKind#STEP_CLASSES}.
 *
 * <p>The memoryless baseline (blanks where blanks are due, then a uniform guess over the alphabet)
 * scores a mean per-step cross-entropy of {@code length · ln(alphabet) / (delay + 2 · length)}
 * (Arjovsky et al. 2016): 0.17 nats for {@code length=10, delay=100, alphabet=8}. Example: {@code
 * copy(length=10, delay=100, alphabet=8, train=10000, test=1000, seed=0)}.
 *
 * @param length symbols to copy S, {@code ≥ 1}
 * @param delay steps from the last symbol to the delimiter T, {@code ≥ 1}
 * @param alphabet symbols A, {@code ≥ 2}
 * @param train training examples, {@code ≥ 1}
 * @param test test examples, {@code ≥ 1}
 * @param seed drives every symbol
 */
public record CopyTask(int length, int delay, int alphabet, int train, int test, long seed)
        implements DatasetSpec {

    public CopyTask {
        if (length < 1 || delay < 1 || alphabet < 2 || train < 1 || test < 1) {
            throw new IllegalArgumentException(
                    "the copy task needs length >= 1, delay >= 1, alphabet >= 2, train >= 1 and"
                            + " test >= 1, got length "
                            + length
                            + ", delay "
                            + delay
                            + ", alphabet "
                            + alphabet
                            + ", train "
                            + train
                            + ", test "
                            + test);
        }
    }

    /** Steps per example, {@code delay + 2·length}. */
    public int steps() {
        return delay + 2 * length;
    }

    /** The memoryless strategy's mean per-step cross-entropy, {@code S·ln A / (T + 2S)}. */
    public double baselineLoss() {
        return length * Math.log(alphabet) / steps();
    }

    @Override
    public SequenceData load() {
        Random random = new Random(seed);
        SequenceData.Part tr = generate(random, train);
        SequenceData.Part te = generate(random, test);
        Map<String, Object> pre = new LinkedHashMap<>();
        pre.put("task", "copy");
        pre.put("steps", steps());
        pre.put("baseline_loss", baselineLoss());
        pre.put(
                "report",
                List.of(
                        String.format(
                                java.util.Locale.ROOT,
                                "copy task: %d symbols of %d, delimiter after %d steps, %d steps;"
                                        + " the memoryless baseline's cross-entropy is %.4f",
                                length,
                                alphabet,
                                delay,
                                steps(),
                                baselineLoss())));
        return new SequenceData(
                "copy",
                "copy task, "
                        + length
                        + " symbols of "
                        + alphabet
                        + ", delay "
                        + delay
                        + ", seed "
                        + seed,
                InputShape.sequence(steps(), alphabet + 2),
                TargetKind.STEP_CLASSES,
                alphabet + 1,
                steps(),
                tr,
                null,
                te,
                pre);
    }

    private SequenceData.Part generate(Random random, int n) {
        int steps = steps();
        int width = alphabet + 2;
        float[] x = new float[n * steps * width];
        float[] y = new float[n * steps];
        for (int i = 0; i < n; i++) {
            int[] input = new int[steps];
            for (int s = 0; s < length; s++) {
                int symbol = 1 + random.nextInt(alphabet);
                input[s] = symbol;
                y[i * steps + delay + length + s] = symbol;
            }
            input[length + delay - 1] = alphabet + 1;
            for (int t = 0; t < steps; t++) {
                x[(i * steps + t) * width + input[t]] = 1;
            }
        }
        return new SequenceData.Part(x, y);
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("copy")
                .arg("length", length)
                .arg("delay", delay)
                .arg("alphabet", alphabet)
                .arg("train", train)
                .arg("test", test)
                .arg("seed", (int) seed)
                .build();
    }
}
