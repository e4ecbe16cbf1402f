package io.kindling.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.kindling.config.ConfigException;
import io.kindling.data.TextData;
import io.kindling.data.Tokenizer;
import io.kindling.nn.Model;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Sampling text from a trained language model, one token at a time: the model reads the last {@code
 * context} tokens, the last step's logits z are divided by the temperature T, all but the k largest
 * are dropped (top-k), and the next token is drawn from softmax(z/T) with a generator seeded by
 * {@code seed} — the same run, prompt and seed give the same text. T = 0 takes the most likely
 * token (greedy). As nanoGPT's {@code generate}.
 *
 * @param tokens tokens to generate (≥ 1)
 * @param temperature T ≥ 0
 * @param topK k ≥ 0 (0 keeps every token)
 * @param seed seed of the sampling generator
 */
public record TextGeneration(int tokens, double temperature, int topK, long seed) {

    public TextGeneration {
        if (tokens < 1) {
            throw new ConfigException("--tokens must be >= 1, got " + tokens);
        }
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new ConfigException(
                    "--temperature must be >= 0 (0 is greedy), got " + temperature);
        }
        if (topK < 0) {
            throw new ConfigException("--top-k must be >= 0 (0 keeps every token), got " + topK);
        }
    }

    /**
     * Continues {@code prompt} with the checkpoint's model.
     *
     * @param run the run folder read back
     * @param prompt the start of the text (at least one character, all in the vocabulary)
     * @return the prompt followed by the generated text
     * @throws ConfigException if the run is not a language model, or the prompt is empty or has
     *     characters outside the vocabulary (naming them)
     */
    public String generate(SavedRun run, String prompt) {
        try (Trainer t = new Trainer(run.spec())) {
            if (!(t.data() instanceof TextData text)) {
                throw new ConfigException(
                        run.folder().dir()
                                + " was trained on "
                                + t.data().name()
                                + ", not on text; generate needs a language model trained on"
                                + " text(path=...)");
            }
            Tokenizer tokenizer = text.tokenizer();
            if (prompt.isEmpty()) {
                throw new ConfigException("--prompt needs at least one character");
            }
            int[] ids;
            try {
                ids = tokenizer.encode(prompt);
            } catch (ConfigException e) {
                throw new ConfigException("--prompt has " + e.getMessage());
            }
            t.restore(run.files());
            int[] out = continueIds(t.model(), t.manager(), ids, text.context());
            return tokenizer.decode(out);
        }
    }

    private int[] continueIds(Model model, NDManager root, int[] prompt, int context) {
        int[] ids = Arrays.copyOf(prompt, prompt.length + tokens);
        int length = prompt.length;
        SplittableRandom random = new SplittableRandom(seed);
        ParameterStore store = new ParameterStore(root, false);
        for (int n = 0; n < tokens; n++) {
            int from = Math.max(0, length - context);
            float[] window = new float[length - from];
            for (int i = 0; i < window.length; i++) {
                window[i] = ids[from + i];
            }
            float[] logits;
            try (NDManager scope = root.newSubManager()) {
                NDArray x = scope.create(window, new Shape(1, window.length));
                NDArray y = model.block().forward(store, new NDList(x), false).singletonOrThrow();
                logits = y.get(new NDIndex(0, window.length - 1)).toFloatArray();
            }
            ids[length++] = next(logits, random);
        }
        return ids;
    }

    /** The next token from one step's logits. */
    int next(float[] logits, SplittableRandom random) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        if (temperature == 0) {
            return best;
        }
        double cut = Double.NEGATIVE_INFINITY;
        if (topK > 0 && topK < logits.length) {
            float[] sorted = logits.clone();
            Arrays.sort(sorted);
            cut = sorted[sorted.length - topK];
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = logits[i] >= cut ? Math.exp((logits[i] - logits[best]) / temperature) : 0;
            sum += p[i];
        }
        double u = random.nextDouble() * sum;
        for (int i = 0; i < p.length; i++) {
            u -= p[i];
            if (u < 0 && p[i] > 0) {
                return i;
            }
        }
        return best;
    }
}
