package io.kindling.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.engine.Compute;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Against torch.nn.functional.cross_entropy (tools/reference/loss_reference.py). */
class CrossEntropyTest {

    @Test
    void matchesTorchWithAndWithoutLabelSmoothing() throws Exception {
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("/reference/loss.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        Compute.start(new Compute.Threads(1, 1));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            int rows = ref.get("logits").size();
            int cols = ref.get("logits").get(0).size();
            double[] flat = new double[rows * cols];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    flat[i * cols + j] = ref.get("logits").get(i).get(j).asDouble();
                }
            }
            NDArray logits = m.create(flat).reshape(rows, cols);
            long[] labels = new long[rows];
            for (int i = 0; i < rows; i++) {
                labels[i] = ref.get("labels").get(i).asLong();
            }
            NDArray y = m.create(labels);
            var cases = ref.get("cases").fields();
            while (cases.hasNext()) {
                var c = cases.next();
                double eps = Double.parseDouble(c.getKey());
                double got =
                        CrossEntropy.mean(logits, y, eps)
                                .toType(DataType.FLOAT64, false)
                                .getDouble();
                assertEquals(c.getValue().asDouble(), got, 1e-6, "label_smoothing=" + eps);
            }
        }
    }
}
