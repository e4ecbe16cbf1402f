package io.kindling.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.data.series.Forecast;
import io.kindling.engine.Compute;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The regression task's metrics against scikit-learn on fixed multi-output predictions
 * (tools/reference/regression_reference.py), fed in uneven batches as evaluation feeds them.
 */
class RegressionErrorsMatchSklearnTest {

    private static JsonNode reference() throws Exception {
        try (InputStream in =
                RegressionErrorsMatchSklearnTest.class.getResourceAsStream(
                        "/reference/regression.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static double[][] matrix(JsonNode a) {
        double[][] m = new double[a.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = new double[a.get(i).size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = a.get(i).get(j).asDouble();
            }
        }
        return m;
    }

    private static RegressionErrors errors(NDManager m, double[][] y, double[][] p, int batch) {
        RegressionErrors e = new RegressionErrors();
        for (int start = 0; start < y.length; start += batch) {
            int end = Math.min(y.length, start + batch);
            double[][] yb = java.util.Arrays.copyOfRange(y, start, end);
            double[][] pb = java.util.Arrays.copyOfRange(p, start, end);
            NDArray yt = m.create(yb);
            // predictions as float32, what a model outputs; targets too
            NDArray pt = m.create(pb).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
            e.add(pt, yt.toType(ai.djl.ndarray.types.DataType.FLOAT32, false));
        }
        return e;
    }

    @Test
    void mseMaeRmseAndR2MatchSklearn() throws Exception {
        Compute.start(new Compute.Threads(1, 1));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            for (JsonNode c : reference().get("cases")) {
                double[][] y = matrix(c.get("y"));
                double[][] p = matrix(c.get("y_hat"));
                RegressionErrors e = errors(m, y, p, 17);
                // float32 inputs: sums of ~64 values agree to about 1e-7 relative
                assertEquals(c.get("mse").asDouble(), e.mse(), 1e-6, "mse");
                assertEquals(c.get("mae").asDouble(), e.mae(), 1e-6, "mae");
                assertEquals(c.get("rmse").asDouble(), e.rmse(), 1e-6, "rmse");
                assertEquals(c.get("r2").asDouble(), e.r2(), 1e-6, "r2");
                assertEquals(y.length, e.count());
            }
        }
    }

    @Test
    void maseMatchesMaeOverSklearnsSeasonalScale() throws Exception {
        JsonNode r = reference().get("mase");
        double[] train = new double[r.get("train").size()];
        for (int i = 0; i < train.length; i++) {
            train[i] = r.get("train").get(i).asDouble();
        }
        double scale = Forecast.seasonalScale(train, r.get("season").asInt());
        assertEquals(r.get("scale").asDouble(), scale, 1e-12);
        Compute.start(new Compute.Threads(1, 1));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            RegressionErrors e = errors(m, matrix(r.get("y")), matrix(r.get("y_hat")), 8);
            assertEquals(r.get("mase").asDouble(), e.mase(scale), 1e-6);
        }
    }
}
