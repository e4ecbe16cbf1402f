package io.kindling.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.data.Cleaning.Impute;
import io.kindling.data.Cleaning.Outliers;
import io.kindling.data.Normalization.Method;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Imputation, scaling and one-hot encoding against scikit-learn's SimpleImputer, StandardScaler,
 * MinMaxScaler and OneHotEncoder (tools/reference/tabular_reference.py).
 */
class NormalizationTest {

    private static JsonNode ref;
    private static CsvTable table;
    private static int target;
    private static int[] train;
    private static int[] test;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in =
                NormalizationTest.class.getResourceAsStream("/reference/tabular.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        table = CsvTable.parse(ref.get("csv").asText(), "reference.csv");
        target = table.column(ref.get("target").asText());
        train = ints(ref.get("train_rows"));
        test = ints(ref.get("test_rows"));
    }

    private static int[] ints(JsonNode a) {
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asInt();
        }
        return v;
    }

    private static Impute impute(JsonNode c) {
        return Impute.valueOf(c.get("impute").asText().toUpperCase(Locale.ROOT));
    }

    private static Method method(JsonNode c) {
        return Method.valueOf(c.get("normalize").asText().toUpperCase(Locale.ROOT));
    }

    private static String label(JsonNode c) {
        return c.get("impute").asText() + "/" + c.get("normalize").asText();
    }

    @Test
    void imputationValuesMatchSimpleImputer() {
        for (JsonNode c : ref.get("cases")) {
            Cleaning cleaning = Cleaning.fit(table, target, train, impute(c), Outliers.NONE, 3);
            @SuppressWarnings("unchecked")
            Map<String, Object> fill =
                    (Map<String, Object>)
                            ((Map<String, Object>) cleaning.fittedValues().get("impute"))
                                    .get("values");
            c.get("impute_values")
                    .fields()
                    .forEachRemaining(
                            e -> {
                                Object mine = fill.get(e.getKey());
                                if (e.getValue().isNumber()) {
                                    assertEquals(
                                            e.getValue().asDouble(),
                                            (Double) mine,
                                            1e-6,
                                            label(c) + " " + e.getKey());
                                } else {
                                    assertEquals(
                                            e.getValue().asText(),
                                            mine,
                                            label(c) + " " + e.getKey());
                                }
                            });
            List<String> numeric = new ArrayList<>();
            ref.get("numeric").forEach(n -> numeric.add(n.asText()));
            for (String split : List.of("train", "test")) {
                JsonNode imputed = c.get(split + "_imputed");
                int[] rows = split.equals("train") ? train : test;
                for (int r = 0; r < rows.length; r++) {
                    for (int j = 0; j < numeric.size(); j++) {
                        assertEquals(
                                imputed.get(r).get(j).asDouble(),
                                cleaning.number(rows[r], table.column(numeric.get(j))),
                                1e-6,
                                label(c) + " " + split + " row " + r + " " + numeric.get(j));
                    }
                }
            }
        }
    }

    @Test
    void scalingStatisticsMatchStandardScalerAndMinMaxScaler() {
        for (JsonNode c : ref.get("cases")) {
            Normalization n = fit(c);
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Double>> columns =
                    (Map<String, Map<String, Double>>) n.fittedValues(table).get("columns");
            assertEquals(c.get("stats").size(), columns.size(), label(c));
            c.get("stats")
                    .fields()
                    .forEachRemaining(
                            col ->
                                    col.getValue()
                                            .fields()
                                            .forEachRemaining(
                                                    stat ->
                                                            assertEquals(
                                                                    stat.getValue().asDouble(),
                                                                    columns.get(col.getKey())
                                                                            .get(stat.getKey()),
                                                                    1e-6,
                                                                    label(c)
                                                                            + " "
                                                                            + col.getKey()
                                                                            + "."
                                                                            + stat.getKey())));
        }
    }

    @Test
    void encodedSplitsMatchTheSklearnPipelineInFileColumnOrder() {
        for (JsonNode c : ref.get("cases")) {
            Cleaning cleaning = Cleaning.fit(table, target, train, impute(c), Outliers.NONE, 3);
            Normalization n = Normalization.fit(method(c), cleaning, train);
            for (String split : List.of("train", "test")) {
                float[] mine = n.encode(cleaning, split.equals("train") ? train : test);
                JsonNode theirs = c.get(split);
                assertEquals(theirs.size() * n.features(), mine.length);
                for (int r = 0; r < theirs.size(); r++) {
                    for (int j = 0; j < n.features(); j++) {
                        double expected = theirs.get(r).get(j).asDouble();
                        // Inputs are float32: allow its rounding on large unscaled values.
                        double tolerance = Math.max(1e-6, Math.abs(expected) * 1e-7);
                        assertEquals(
                                expected,
                                mine[r * n.features() + j],
                                tolerance,
                                label(c)
                                        + " "
                                        + split
                                        + " row "
                                        + r
                                        + " "
                                        + n.featureNames().get(j));
                    }
                }
            }
        }
    }

    @Test
    void oneHotCategoriesAreTheSortedTrainingCategories() {
        Normalization n = fit(ref.get("cases").get(0));
        List<String> names = new ArrayList<>();
        ref.get("features").forEach(f -> names.add(f.asText()));
        assertEquals(names, n.featureNames());
        assertEquals(
                List.of("blue", "green", "red"),
                ((Map<?, ?>) n.fittedValues(table).get("categories")).get("color"));
    }

    @Test
    void aTestCategoryUnseenInTrainingIsAllZerosAndCounted() {
        JsonNode c = ref.get("cases").get(0);
        Cleaning cleaning = Cleaning.fit(table, target, train, impute(c), Outliers.NONE, 3);
        Normalization n = Normalization.fit(method(c), cleaning, train);
        assertEquals("purple", table.text(test[0], table.column("color")));
        float[] row = n.encode(cleaning, new int[] {test[0]});
        assertArrayEquals(new float[] {0, 0, 0}, new float[] {row[1], row[2], row[3]});
        assertEquals(Map.of("color", 1), n.unseen(cleaning, test));
        assertEquals(Map.of(), n.unseen(cleaning, train));
    }

    @Test
    void aConstantColumnMapsToZeroOnTheTrainingRows() {
        for (JsonNode c : ref.get("cases")) {
            if (method(c) == Method.NONE) {
                continue;
            }
            Cleaning cleaning = Cleaning.fit(table, target, train, impute(c), Outliers.NONE, 3);
            Normalization n = Normalization.fit(method(c), cleaning, train);
            int at = n.featureNames().indexOf("const");
            float[] x = n.encode(cleaning, train);
            for (int r = 0; r < train.length; r++) {
                assertEquals(0f, x[r * n.features() + at], label(c));
            }
        }
    }

    @Test
    void aConstantColumnWhoseMeanIsInexactStillMapsToZero() {
        // Seven 0.1s sum to 0.7000000000000001: the mean is off by an ulp and the std is
        // ~1e-17, so dividing by it would give ±1 instead of about 0.
        CsvTable t = CsvTable.parse("c,y\n" + "0.1,a\n".repeat(7), "c.csv");
        int[] rows = {0, 1, 2, 3, 4, 5, 6};
        Cleaning cleaning = Cleaning.fit(t, 1, rows, Impute.MEAN, Outliers.NONE, 3);
        for (Method m : List.of(Method.STANDARDIZE, Method.MINMAX)) {
            float[] x = Normalization.fit(m, cleaning, rows).encode(cleaning, rows);
            // (x - mean) / 1 keeps the ulp of rounding, as scikit-learn's output does.
            assertArrayEquals(new float[7], x, 1e-12f, m.key());
        }
    }

    @Test
    void minmaxPutsEveryTrainingValueInTheUnitInterval() {
        Cleaning cleaning = Cleaning.fit(table, target, train, Impute.MEDIAN, Outliers.NONE, 3);
        float[] x = Normalization.fit(Method.MINMAX, cleaning, train).encode(cleaning, train);
        for (float v : x) {
            assertTrue(v >= 0 && v <= 1, "value " + v);
        }
    }

    private static Normalization fit(JsonNode c) {
        Cleaning cleaning = Cleaning.fit(table, target, train, impute(c), Outliers.NONE, 3);
        return Normalization.fit(method(c), cleaning, train);
    }
}
