package io.kindling.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.kindling.nn.InputShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A text corpus for next-token prediction. The token sequence is cut into contiguous blocks — the
 * first {@code 1 − test_fraction} of the tokens for training, the rest for testing — never shuffled
 * character by character, so no test text leaks into training. Each block yields windows of {@code
 * context} tokens starting every {@code stride} tokens: inputs {@code x = t[s, s+context)} (token
 * ids stored as floats, {@link InputShape#tokens}) and targets the next tokens {@code y = t[s+1,
 * s+context+1)} as int64 {@code (N, context)}.
 *
 * <p>A validation split ({@link #withValidation}) holds out whole training windows.
 */
public final class TextData implements Dataset {

    private final String name;
    private final String source;
    private final Tokenizer tokenizer;
    private final int context;
    private final int[] trainTokens;
    private final int[] testTokens;
    private final int[] trainStarts;
    private final int[] validationStarts;
    private final int[] testStarts;

    private TextData(
            String name,
            String source,
            Tokenizer tokenizer,
            int context,
            int[] trainTokens,
            int[] testTokens,
            int[] trainStarts,
            int[] validationStarts,
            int[] testStarts) {
        this.name = name;
        this.source = source;
        this.tokenizer = tokenizer;
        this.context = context;
        this.trainTokens = trainTokens;
        this.testTokens = testTokens;
        this.trainStarts = trainStarts;
        this.validationStarts = validationStarts;
        this.testStarts = testStarts;
    }

    /**
     * Cuts a corpus into training and test windows.
     *
     * @param name the dataset's name
     * @param source where the text came from (file and hash), for provenance
     * @param text the corpus
     * @param tokenizer its tokenizer
     * @param context tokens per example
     * @param stride tokens between the starts of consecutive windows
     * @param testFraction share of the tokens, at the end, held out for testing
     * @return the dataset
     * @throws DataException if either block is shorter than one window of context + 1 tokens
     */
    public static TextData of(
            String name,
            String source,
            String text,
            Tokenizer tokenizer,
            int context,
            int stride,
            double testFraction) {
        int[] ids = tokenizer.encode(text);
        int cut = (int) Math.round(ids.length * (1 - testFraction));
        int[] train = java.util.Arrays.copyOfRange(ids, 0, cut);
        int[] test = java.util.Arrays.copyOfRange(ids, cut, ids.length);
        for (int[] part : new int[][] {train, test}) {
            if (part.length < context + 1) {
                throw new DataException(
                        source
                                + ": the "
                                + (part == train ? "training" : "test")
                                + " block has "
                                + part.length
                                + " tokens, fewer than one example of context="
                                + context
                                + " + 1 (the text has "
                                + ids.length
                                + " tokens); lower context or use a longer text");
            }
        }
        return new TextData(
                name,
                source,
                tokenizer,
                context,
                train,
                test,
                starts(train.length, context, stride),
                new int[0],
                starts(test.length, context, stride));
    }

    private static int[] starts(int tokens, int context, int stride) {
        int n = (tokens - context - 1) / stride + 1;
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = i * stride;
        }
        return s;
    }

    /** The tokenizer (to encode prompts and decode samples). */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** Tokens per example. */
    public int context() {
        return context;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int features() {
        return context;
    }

    @Override
    public int classes() {
        return tokenizer.vocab();
    }

    @Override
    public TargetKind targetKind() {
        return TargetKind.STEP_CLASSES;
    }

    @Override
    public InputShape inputShape() {
        return InputShape.tokens(context, tokenizer.vocab());
    }

    @Override
    public List<String> classNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < tokenizer.vocab(); i++) {
            names.add(tokenizer.tokenName(i));
        }
        return names;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public int trainSize() {
        return trainStarts.length;
    }

    @Override
    public int testSize() {
        return testStarts.length;
    }

    @Override
    public int validationSize() {
        return validationStarts.length;
    }

    /** The first target token of each training window (what stratified splits read). */
    @Override
    public int[] trainTargets() {
        int[] t = new int[trainStarts.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = trainTokens[trainStarts[i] + 1];
        }
        return t;
    }

    @Override
    public TensorDataset train(NDManager manager) {
        return windows(trainTokens, trainStarts, manager);
    }

    @Override
    public TensorDataset test(NDManager manager) {
        return windows(testTokens, testStarts, manager);
    }

    @Override
    public TensorDataset validation(NDManager manager) {
        return validationStarts.length == 0
                ? null
                : windows(trainTokens, validationStarts, manager);
    }

    private TensorDataset windows(int[] tokens, int[] starts, NDManager manager) {
        int n = starts.length;
        float[] x = new float[n * context];
        long[] y = new long[n * context];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < context; t++) {
                x[i * context + t] = tokens[starts[i] + t];
                y[i * context + t] = tokens[starts[i] + t + 1];
            }
        }
        NDArray xs = manager.create(x, new Shape(n, context));
        NDArray ys = manager.create(y, new Shape(n, context));
        return TensorDataset.of(xs, ys, tokenizer.vocab());
    }

    @Override
    public Dataset withValidation(int[] trainRows, int[] validationRows) {
        return new TextData(
                name,
                source,
                tokenizer,
                context,
                trainTokens,
                testTokens,
                pick(trainStarts, trainRows),
                pick(trainStarts, validationRows),
                testStarts);
    }

    private static int[] pick(int[] starts, int[] rows) {
        int[] s = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            s[i] = starts[rows[i]];
        }
        return s;
    }

    /** Token ids are not standardized; the identity. */
    @Override
    public Standardization fitStandardization() {
        throw new DataException(
                name + ": token ids cannot be standardized; leave standardize off for text");
    }

    @Override
    public Map<String, Object> preprocessing() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tokenizer", tokenizer.kind().text());
        if (tokenizer.kind() == Tokenizer.Kind.CHAR) {
            m.put("vocabulary", tokenizer.alphabet());
        }
        m.put("context", context);
        m.put("train_tokens", trainTokens.length);
        m.put("test_tokens", testTokens.length);
        return m;
    }

    @Override
    public int[] imageShape() {
        return null;
    }
}
