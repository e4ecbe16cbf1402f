package io.kindling.data.memory;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.kindling.data.Dataset;
import io.kindling.data.Splits;
import io.kindling.data.Standardization;
import io.kindling.data.TargetKind;
import io.kindling.data.TensorDataset;
import io.kindling.nn.InputShape;
import java.util.List;
import java.util.Map;

/**
 * A generated sequence task held in memory: independent examples, each a sequence of {@code steps ×
 * perStep} inputs (step-major) and {@code targetsPerExample} targets, float values ({@link
 * TargetKind#VALUES}) or per-step class indices ({@link TargetKind#STEP_CLASSES}, int64).
 */
public final class SequenceData implements Dataset {

    /**
     * One split's examples.
     *
     * @param inputs {@code n × steps·perStep}, row-major
     * @param targets {@code n × targetsPerExample}, row-major
     */
    public record Part(float[] inputs, float[] targets) {}

    private final String name;
    private final String source;
    private final InputShape shape;
    private final TargetKind kind;
    private final int outputs;
    private final int targetsPerExample;
    private final Part train;
    private final Part validation;
    private final Part test;
    private final Map<String, Object> preprocessing;

    SequenceData(
            String name,
            String source,
            InputShape shape,
            TargetKind kind,
            int outputs,
            int targetsPerExample,
            Part train,
            Part validation,
            Part test,
            Map<String, Object> preprocessing) {
        this.name = name;
        this.source = source;
        this.shape = shape;
        this.kind = kind;
        this.outputs = outputs;
        this.targetsPerExample = targetsPerExample;
        this.train = train;
        this.validation = validation;
        this.test = test;
        this.preprocessing = preprocessing;
    }

    private int size(Part p) {
        return p == null ? 0 : p.targets().length / targetsPerExample;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int features() {
        return Math.toIntExact(shape.features());
    }

    /** The classes per step for {@code STEP_CLASSES}, else 0. */
    @Override
    public int classes() {
        return kind == TargetKind.STEP_CLASSES ? outputs : 0;
    }

    @Override
    public int outputs() {
        return outputs;
    }

    @Override
    public TargetKind targetKind() {
        return kind;
    }

    @Override
    public InputShape inputShape() {
        return shape;
    }

    @Override
    public List<String> classNames() {
        return List.of();
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public int trainSize() {
        return size(train);
    }

    @Override
    public int testSize() {
        return size(test);
    }

    @Override
    public int validationSize() {
        return size(validation);
    }

    /** All 0: the examples have no class to stratify by. */
    @Override
    public int[] trainTargets() {
        return new int[trainSize()];
    }

    @Override
    public TensorDataset train(NDManager manager) {
        return tensors(train, manager);
    }

    @Override
    public TensorDataset test(NDManager manager) {
        return tensors(test, manager);
    }

    @Override
    public TensorDataset validation(NDManager manager) {
        return validation == null ? null : tensors(validation, manager);
    }

    private TensorDataset tensors(Part p, NDManager manager) {
        int n = size(p);
        var x = manager.create(p.inputs(), new Shape(n, shape.features()));
        var y = manager.create(p.targets(), new Shape(n, targetsPerExample));
        if (kind == TargetKind.STEP_CLASSES) {
            var labels = y.toType(ai.djl.ndarray.types.DataType.INT64, false);
            y.close();
            y = labels;
        }
        return TensorDataset.of(x, y, classes());
    }

    /** The examples are independent, so any rows may validate. */
    @Override
    public SequenceData withValidation(int[] trainRows, int[] validationRows) {
        Splits.checkRows(trainRows, validationRows, trainSize());
        return new SequenceData(
                name,
                source,
                shape,
                kind,
                outputs,
                targetsPerExample,
                rows(train, trainRows),
                rows(train, validationRows),
                test,
                preprocessing);
    }

    private Part rows(Part p, int[] rows) {
        int f = features();
        float[] x = new float[rows.length * f];
        float[] y = new float[rows.length * targetsPerExample];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(p.inputs(), rows[i] * f, x, i * f, f);
            System.arraycopy(
                    p.targets(),
                    rows[i] * targetsPerExample,
                    y,
                    i * targetsPerExample,
                    targetsPerExample);
        }
        return new Part(x, y);
    }

    /** The inputs as generated: identity. */
    @Override
    public Standardization fitStandardization() {
        return new Standardization(0, 1);
    }

    @Override
    public Map<String, Object> preprocessing() {
        return preprocessing;
    }

    @Override
    public int[] imageShape() {
        return null;
    }
}
