package io.kindling.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.kindling.data.TensorDataset;
import io.kindling.engine.Compute;
import io.kindling.init.InitPlan;
import io.kindling.init.Initializers;
import io.kindling.metrics.CrossEntropy;
import io.kindling.metrics.Evaluation;
import io.kindling.nn.InputShape;
import io.kindling.nn.Model;
import io.kindling.nn.Models;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one evaluation loop: every example once, in order, in chunks of the given size, in inference
 * mode, each chunk's arrays released before the next; and the classification scores it feeds count
 * every target value once, per example or per step, across chunk boundaries.
 */
class BatchedEvaluationTest {

    private static final int STEPS = 4;
    private static final int VOCAB = 5;

    private static NDManager manager;
    private static ParameterStore store;

    @BeforeAll
    static void start() {
        Compute.start(new Compute.Threads(1, 1));
        manager = NDManager.newBaseManager("PyTorch");
        store = new ParameterStore(manager, false);
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    /** A tiny GPT with dropout, so a forward pass in training mode differs from inference. */
    private static Model gpt() {
        Model m =
                Models.REGISTRY
                        .parse("gpt(layers=1, width=8, heads=2, context=4, dropout=0.5)")
                        .build(InputShape.tokens(STEPS, VOCAB), VOCAB);
        Compute.seed(11);
        InitPlan.forWeights(Initializers.REGISTRY.parse("normal(std=0.5)")).apply(m, manager);
        return m;
    }

    /** {@code n} random token sequences and their next tokens. */
    private static TensorDataset tokens(int n) {
        Compute.seed(12);
        NDArray x =
                manager.randomInteger(0, VOCAB, new Shape(n, STEPS), DataType.INT64)
                        .toType(DataType.FLOAT32, false);
        NDArray y = manager.randomInteger(0, VOCAB, new Shape(n, STEPS), DataType.INT64);
        return TensorDataset.of(x, y, VOCAB);
    }

    @Test
    void everyExampleOnceInOrderInChunksInInferenceModeWithEachChunkReleased() {
        Model model = gpt();
        TensorDataset data = tokens(2345);
        List<Integer> sizes = new ArrayList<>();
        List<NDArray> seen = new ArrayList<>();
        List<float[]> outputs = new ArrayList<>();
        List<float[]> inputs = new ArrayList<>();
        BatchedEvaluation.Accumulator record =
                new BatchedEvaluation.Accumulator() {
                    @Override
                    public void add(NDArray x, NDArray output, NDArray targets) {
                        sizes.add((int) x.getShape().get(0));
                        assertEquals(x.getShape().get(0), targets.getShape().get(0));
                        seen.add(output);
                        outputs.add(output.toFloatArray());
                        inputs.add(x.toFloatArray());
                    }

                    @Override
                    public Evaluation result(String split, int examples) {
                        assertEquals("val", split);
                        assertEquals(2345, examples);
                        return Evaluation.ofMeasures(split, examples, 0, java.util.Map.of());
                    }
                };
        BatchedEvaluation.run(model, store, data, "val", manager, 1000, record);
        assertEquals(List.of(1000, 1000, 345), sizes);
        assertTrue(seen.stream().allMatch(NDArray::isReleased), "a chunk's scope was left open");
        assertArrayEquals(data.x().toFloatArray(), concat(inputs), "examples out of order");
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = data.x().get("0:345");
            float[] inference =
                    model.block()
                            .forward(store, new NDList(x), false)
                            .singletonOrThrow()
                            .toFloatArray();
            float[] training =
                    model.block()
                            .forward(store, new NDList(x), true)
                            .singletonOrThrow()
                            .toFloatArray();
            float[] first = Arrays.copyOf(outputs.get(0), inference.length);
            assertFalse(Arrays.equals(inference, training), "dropout should change the output");
            for (int i = 0; i < inference.length; i++) {
                assertEquals(inference[i], first[i], 1e-5, "not inference mode at " + i);
            }
        }
    }

    @Test
    void stepScoresCountEveryStepOnceAcrossChunks() {
        Model model = gpt();
        TensorDataset data = tokens(600);
        Evaluation e = new StepClassification(0).evaluate(model, store, data, "test", manager);
        try (NDManager scope = manager.newSubManager()) {
            NDArray logits =
                    StepClassification.flat(
                            model.block()
                                    .forward(store, new NDList(data.x()), false)
                                    .singletonOrThrow());
            NDArray labels = data.y().reshape(-1);
            double loss = CrossEntropy.mean(logits, labels).getFloat();
            long correct = logits.argMax(1).eq(labels).sum().getLong();
            assertEquals(600, e.examples());
            assertEquals(loss, e.loss(), 1e-5);
            assertEquals((double) correct / (600 * STEPS), e.accuracy(), 1e-12);
            assertEquals(Math.exp(e.loss()), e.measures().get("perplexity"), 1e-12);
            assertEquals(e.loss() / Math.log(2), e.measures().get("bits_per_token"), 1e-12);
            long counted = 0;
            for (long[] row : e.confusion().counts()) {
                counted += Arrays.stream(row).sum();
            }
            assertEquals(600 * STEPS, counted);
        }
    }

    private static float[] concat(List<float[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        float[] all = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
