package io.kindling.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.kindling.engine.Compute;
import io.kindling.init.InitPlan;
import io.kindling.init.Initializers;
import java.util.List;

/** Building, initializing and running the model families in tests. */
final class Families {

    /** Fashion-MNIST's images. */
    static final InputShape MNIST = InputShape.image(1, 28, 28);

    private Families() {}

    static Model build(String expr) {
        return build(expr, MNIST);
    }

    static Model build(String expr, InputShape input) {
        return Models.REGISTRY.parse(expr).build(input, 10);
    }

    static ParamContext context(Model m, String name) {
        return m.parameters().stream()
                .map(ModelParameter::context)
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no parameter " + name + " in " + names(m)));
    }

    static List<String> names(Model m) {
        return m.parameters().stream().map(ModelParameter::name).toList();
    }

    /** Initializes the model with {@code --init initExpr} under a seed, in {@code manager}. */
    static void initialize(Model m, String initExpr, long seed, NDManager manager) {
        Compute.start(Compute.Threads.defaults());
        Compute.seed(seed);
        InitPlan.forWeights(Initializers.REGISTRY.parse(initExpr)).apply(m, manager);
    }

    /** The model's output (inference mode) for a batch of {@code n} random inputs. */
    static Shape forwardShape(Model m, int n, NDManager manager) {
        long features = m.inputShape().get(1);
        NDArray x = manager.randomNormal(new Shape(n, features));
        return m.block()
                .forward(new ParameterStore(manager, false), new NDList(x), false)
                .singletonOrThrow()
                .getShape();
    }

    /** The parameter's current values. */
    static NDArray value(Model m, String name) {
        return m.parameters().stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow()
                .parameter()
                .getArray();
    }

    /**
     * Fills the parameters named {@code names}, in that order, as the PyTorch reference scripts do
     * (gpt_reference.py, encoder_reference.py): parameter p holds 0.5·sin(0.37·(i+1) + 1.1·(p+1))
     * at flat index i, plus 1 for layer-norm gains.
     */
    static void fillSine(Model m, List<String> names, NDManager manager) {
        for (int p = 0; p < names.size(); p++) {
            NDArray a = value(m, names.get(p));
            float[] v = new float[(int) a.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (0.5 * Math.sin(0.37 * (i + 1) + 1.1 * (p + 1)));
                if (names.get(p).endsWith(".gain")) {
                    v[i] += 1;
                }
            }
            Compute.copy(manager.create(v, a.getShape()), a);
        }
    }

    /** Population standard deviation of all values. */
    static double std(NDArray a) {
        NDArray f = a.toType(DataType.FLOAT64, false);
        double mean = f.mean().getDouble();
        return Math.sqrt(f.sub(mean).square().mean().getDouble());
    }
}
