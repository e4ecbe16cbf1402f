import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.kindling.engine.Compute;
import io.kindling.init.InitPlan;
import io.kindling.init.Initializers;
import io.kindling.nn.InputShape;
import io.kindling.nn.Model;
import io.kindling.nn.ModelParameter;
import io.kindling.nn.Models;
import io.kindling.nn.ParamContext;
import io.kindling.nn.Probe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes every parameter context, gate slice and probe that each model family records, and the
 * output of a seeded forward pass, as JSON on stdout: the fixture of ModelContextsTest
 * (kindling-core/src/test/resources/reference/model_contexts.json), which pins what a model
 * expression builds so that a rewrite of the model code can be checked against it.
 *
 * <p>Run from the repository root after {@code ./mvnw -q -B -DskipTests package}:
 *
 * <pre>
 * java -Dai.djl.offline=true -cp "kindling-cli/target/kindling-cli-0.1.0-SNAPSHOT.jar:kindling-cli/target/lib/*" \
 *     tools/reference/ModelContexts.java > kindling-core/src/test/resources/reference/model_contexts.json
 * </pre>
 */
public final class ModelContexts {

    /** expression | input (image C,H,W · flat F · sequence T,P · tokens T,V) | outputs */
    static final String[] CASES = {
        "mlp|flat 16|10",
        "mlp(depth=3, width=32, norm=batch, dropout=0.1)|flat 16|10",
        "mlp(depth=2, width=32, norm=layer, activation=tanh)|flat 16|3",
        "mlp(depth=4, width=32, activation=selu, dropout=0.05, dropout_type=alpha)|flat 16|10",
        "mlp(depth=0)|flat 16|4",
        "lenet5|image 1,28,28|10",
        "lenet5(pool=max, activation=relu)|image 1,28,28|10",
        "cnn(depth=6, width=4, stages=3, norm=batch)|image 1,28,28|10",
        "cnn(depth=4, width=4, stages=2)|image 3,16,16|5",
        "resnet(blocks=3, width=4)|image 1,28,28|10",
        "resnet(blocks=4, width=4, stages=2, residual=fixup)|image 1,28,28|10",
        "resnet(blocks=3, width=4, residual=rezero)|image 1,28,28|10",
        "resnet(blocks=3, width=4, residual=skipinit, norm=none)|image 1,28,28|10",
        "resmlp(blocks=3, width=16)|flat 16|10",
        "resmlp(blocks=2, width=16, residual=fixup)|flat 16|10",
        "resmlp(blocks=2, width=16, norm=layer, residual=rezero)|flat 16|10",
        "resmlp(blocks=2, width=16, norm=batch, residual=skipinit)|flat 16|10",
        "rnn(hidden=8, layers=2)|sequence 10,3|4",
        "rnn(hidden=8, activation=relu, head=steps)|sequence 10,3|4",
        "lstm(hidden=8, layers=2)|sequence 10,3|1",
        "lstm(hidden=8, head=steps)|sequence 10,3|4",
        "gru(hidden=8, layers=2)|sequence 10,3|4",
        "gpt(layers=2, width=16, heads=4, context=12)|tokens 12,20|20",
        "gpt(layers=2, width=16, heads=2, context=16, norm=post, tie_embeddings=false)|tokens 12,20|20",
        "gpt(layers=3, width=16, heads=4, context=12, norm=deepnorm, dropout=0.1)|tokens 12,20|20",
        "gpt(layers=2, width=16, heads=4, context=12, norm=none)|tokens 12,20|20",
        "gpt(layers=2, width=32, heads=4, context=12, mup_base_width=16, tie_embeddings=false)|tokens 12,20|20",
    };

    public static void main(String[] args) throws Exception {
        Compute.start(Compute.Threads.defaults());
        List<Object> out = new ArrayList<>();
        for (String c : CASES) {
            String[] parts = c.split("\\|");
            InputShape input = input(parts[1]);
            int outputs = Integer.parseInt(parts[2]);
            Model m = Models.REGISTRY.parse(parts[0]).build(input, outputs);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("expr", parts[0]);
            entry.put("input", parts[1]);
            entry.put("outputs", outputs);
            entry.put("printed", m.spec().print());
            List<Object> params = new ArrayList<>();
            for (ModelParameter p : m.parameters()) {
                Map<String, Object> q = context(p.context());
                List<Object> slices = new ArrayList<>();
                p.slices().forEach(s -> slices.add(context(s)));
                q.put("slices", slices);
                params.add(q);
            }
            entry.put("parameters", params);
            List<String> probes = new ArrayList<>();
            for (Probe p : m.probes()) {
                probes.add(p.layer() + " " + p.kind() + " " + p.index());
            }
            entry.put("probes", probes);
            try (NDManager manager = NDManager.newBaseManager()) {
                Compute.seed(7);
                InitPlan.forWeights(Initializers.REGISTRY.parse("normal(std=0.1)")).apply(m, manager);
                Compute.seed(11);
                long features = m.inputShape().get(1);
                NDArray x =
                        input.isTokens()
                                ? manager.randomInteger(0, input.vocab(), new Shape(3, features), DataType.INT64)
                                        .toType(DataType.FLOAT32, false)
                                : manager.randomNormal(new Shape(3, features));
                NDArray y =
                        m.block().forward(new ParameterStore(manager, false), new NDList(x), false)
                                .singletonOrThrow();
                entry.put("output_shape", y.getShape().toString());
                NDArray flat = y.toType(DataType.FLOAT64, false).flatten();
                entry.put("output_sum", flat.sum().getDouble());
                entry.put("output_abs_sum", flat.abs().sum().getDouble());
                entry.put("output_first", flat.get(0).getDouble());
            }
            out.add(entry);
        }
        System.out.println(json(out, ""));
    }

    static InputShape input(String s) {
        String[] kv = s.split(" ");
        String[] n = kv[1].split(",");
        return switch (kv[0]) {
            case "flat" -> InputShape.flat(Long.parseLong(n[0]));
            case "image" -> InputShape.image(Integer.parseInt(n[0]), Integer.parseInt(n[1]), Integer.parseInt(n[2]));
            case "sequence" -> InputShape.sequence(Integer.parseInt(n[0]), Integer.parseInt(n[1]));
            case "tokens" -> InputShape.tokens(Integer.parseInt(n[0]), Integer.parseInt(n[1]));
            default -> throw new IllegalArgumentException(s);
        };
    }

    static Map<String, Object> context(ParamContext c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("shape", c.shape().toString());
        m.put("layer", c.layer().label());
        m.put("role", c.role().label());
        m.put("fan_in", c.fanIn());
        m.put("fan_out", c.fanOut());
        m.put("nonlinearity", c.nonlinearity().print());
        m.put("depth", c.depthIndex());
        m.put("total_depth", c.totalDepth());
        m.put("residual", c.residual() == null ? "" : c.residual().branches() + "/" + c.residual().layersPerBranch() + "/" + c.residual().position());
        m.put("width_multiplier", c.widthMultiplier());
        m.put("block", c.block());
        m.put("stage", c.stage());
        m.put("gate", c.gate());
        m.put("projection", c.projection());
        m.put("trainable", c.trainable());
        return m;
    }

    static String json(Object o, String indent) {
        if (o instanceof Map<?, ?> map) {
            List<String> parts = new ArrayList<>();
            map.forEach((k, v) -> parts.add(quote(k.toString()) + ": " + json(v, indent + "  ")));
            return "{" + String.join(", ", parts) + "}";
        }
        if (o instanceof List<?> list) {
            if (list.isEmpty()) {
                return "[]";
            }
            List<String> parts = new ArrayList<>();
            list.forEach(v -> parts.add(indent + "  " + json(v, indent + "  ")));
            return "[\n" + String.join(",\n", parts) + "\n" + indent + "]";
        }
        if (o instanceof String s) {
            return quote(s);
        }
        if (o instanceof Double d) {
            return Double.isFinite(d) ? Double.toString(d) : quote(d.toString());
        }
        return String.valueOf(o);
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
