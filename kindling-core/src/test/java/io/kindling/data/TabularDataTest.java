package io.kindling.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.config.ConfigException;
import io.kindling.data.Cleaning.Impute;
import io.kindling.data.Cleaning.Outliers;
import io.kindling.data.Normalization.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped Iris table and small tables: splits, one-hot layout, refits, engine arrays. */
class TabularDataTest {

    private static NDManager manager;
    private static Path iris;

    @BeforeAll
    static void start() {
        System.setProperty("ai.djl.offline", "true");
        manager = NDManager.newBaseManager();
        // Tests run in the module folder under Maven and in the repository root elsewhere.
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("examples/data/iris.csv"))) {
                iris = dir.resolve("examples/data/iris.csv");
                break;
            }
        }
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    private static TabularData iris() {
        return (TabularData)
                Datasets.REGISTRY.parse("csv(path='" + iris + "', target=species)").load();
    }

    private static TabularData table(String text, CsvSpec spec) {
        return TabularData.from(CsvTable.parse(text, "t.csv"), spec);
    }

    private static CsvSpec spec(
            String target, double testFraction, Outliers outliers, Method normalize) {
        return new CsvSpec(
                Path.of("t.csv"),
                target,
                testFraction,
                0,
                true,
                Impute.MEAN,
                outliers,
                2,
                normalize);
    }

    private static int[] perClass(int[] labels, int classes) {
        int[] n = new int[classes];
        for (int l : labels) {
            n[l]++;
        }
        return n;
    }

    @Test
    void irisIsDedupedAndItsTestSplitIsAStratifiedFifth() {
        TabularData d = iris();
        assertEquals("iris", d.name());
        assertEquals(List.of("setosa", "versicolor", "virginica"), d.classNames());
        assertEquals(
                List.of("sepal_length", "sepal_width", "petal_length", "petal_width"),
                d.featureNames());
        assertEquals(4, d.features());
        assertEquals(30, d.testSize());
        assertEquals(119, d.trainSize());
        assertEquals(0, d.validationSize());
        assertArrayEquals(new int[] {10, 10, 10}, perClass(d.testTargets(), 3));
        assertArrayEquals(new int[] {40, 40, 39}, perClass(d.trainTargets(), 3));
        assertNull(d.imageShape());
        assertTrue(
                d.report()
                        .contains(
                                "dropped 1 exact duplicate row: line 144 (same as line" + " 103)"),
                d.report().toString());
        assertEquals(
                Map.of(
                        "read",
                        150,
                        "after_cleaning",
                        149,
                        "train",
                        119,
                        "validation",
                        0,
                        "test",
                        30),
                d.preprocessing().get("rows"));
    }

    @Test
    void irisTensorsAreTheTrainingStandardizedMeasurementsAndTheClassIndices() {
        TabularData d = iris();
        CsvTable t = d.table();
        int[] train = d.trainRows();
        int[] test = d.testRows();
        try (NDManager m = manager.newSubManager()) {
            TensorDataset tr = d.train(m);
            TensorDataset te = d.test(m);
            assertEquals(new Shape(119, 4), tr.x().getShape());
            assertEquals(new Shape(30, 4), te.x().getShape());
            assertEquals(DataType.INT64, te.y().getDataType());
            assertNull(d.validation(m));
            float[] x = te.x().toFloatArray();
            long[] y = te.y().toLongArray();
            for (int c = 0; c < 4; c++) {
                final int col = c;
                double[] v = IntStream.of(train).mapToDouble(r -> t.number(r, col)).toArray();
                double mean = IntStream.range(0, v.length).mapToDouble(i -> v[i]).sum() / v.length;
                double var =
                        IntStream.range(0, v.length)
                                        .mapToDouble(i -> (v[i] - mean) * (v[i] - mean))
                                        .sum()
                                / v.length;
                for (int i = 0; i < test.length; i++) {
                    assertEquals(
                            (t.number(test[i], c) - mean) / Math.sqrt(var),
                            x[i * 4 + c],
                            1e-5,
                            "test row " + i + " column " + c);
                }
            }
            for (int i = 0; i < test.length; i++) {
                assertEquals(t.text(test[i], 4), d.classNames().get((int) y[i]));
            }
            assertArrayEquals(
                    d.trainTargets(),
                    IntStream.of(train).map(r -> d.classNames().indexOf(t.text(r, 4))).toArray());
            assertArrayEquals(
                    d.trainTargets(),
                    Arrays.stream(tr.y().toLongArray()).mapToInt(l -> (int) l).toArray());
        }
    }

    @Test
    void categoricalColumnsBecomeOneHotBlocksInFileColumnOrder() {
        TabularData d =
                table(
                        "a,color,b,label\n1,red,10,x\n2,blue,20,y\n3,red,30,x\n" + "4,blue,40,y\n",
                        spec("label", 0.5, Outliers.NONE, Method.NONE));
        assertEquals(List.of("a", "color=blue", "color=red", "b"), d.featureNames());
        float[] x = d.trainInputs();
        int[] rows = d.trainRows();
        for (int i = 0; i < rows.length; i++) {
            boolean red = d.table().text(rows[i], 1).equals("red");
            assertArrayEquals(
                    new float[] {rows[i] + 1, red ? 0 : 1, red ? 1 : 0, 10 * (rows[i] + 1)},
                    Arrays.copyOfRange(x, i * 4, i * 4 + 4));
        }
    }

    @Test
    void numericTargetsSortNumericallyAndKeepTheirText() {
        TabularData d =
                table(
                        "v,k\n1,10\n2,2\n3,1\n4,2.0\n5,10\n6,1\n",
                        spec("k", 0.5, Outliers.NONE, Method.NONE));
        assertEquals(List.of("1", "2", "10"), d.classNames());
        assertArrayEquals(
                new int[] {2, 2, 2},
                perClass(
                        IntStream.concat(
                                        IntStream.of(d.trainTargets()),
                                        IntStream.of(d.testTargets()))
                                .toArray(),
                        3),
                "2 and 2.0 are one class");
    }

    @Test
    void aClassOnlyTheTestSplitHoldsAndAnUnseenTestCategoryAreHandled() {
        // Class b has one row; a holdout of 0.6 rounds its share to 1, so it is a test row.
        TabularData d =
                table(
                        "f,color,label\n1,red,a\n2,red,a\n3,red,a\n4,red,a\n5,purple,b\n",
                        spec("label", 0.6, Outliers.NONE, Method.STANDARDIZE));
        assertEquals(List.of("a", "b"), d.classNames());
        assertArrayEquals(new int[] {0, 0}, d.trainTargets());
        assertTrue(IntStream.of(d.testTargets()).anyMatch(l -> l == 1));
        try (NDManager m = manager.newSubManager()) {
            assertEquals(3, d.test(m).size(), "the test labels are all valid classes");
        }
        assertEquals(List.of("f", "color=red"), d.featureNames());
        @SuppressWarnings("unchecked")
        Map<String, Object> cleaning = (Map<String, Object>) d.preprocessing().get("cleaning");
        assertEquals(Map.of("color", 1), cleaning.get("unseen_categories_test"));
        assertTrue(
                d.report()
                        .contains(
                                "test: 1 value with a category not seen in training,"
                                        + " encoded as all zeros (color 1)"),
                d.report().toString());
    }

    @Test
    void withValidationRefitsImputationAndNormalizationOnTheNewTrainingRowsOnly() {
        StringBuilder text = new StringBuilder("x,label\nNA,a\n");
        for (int i = 1; i < 20; i++) {
            text.append(i * i).append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        TabularData d =
                table(text.toString(), spec("label", 0.25, Outliers.NONE, Method.STANDARDIZE));
        assertEquals(0, d.trainRows()[0], "the row with the missing x is a training row");
        int[] keep = IntStream.range(0, d.trainSize()).filter(i -> i % 3 != 1).toArray();
        int[] held = IntStream.range(0, d.trainSize()).filter(i -> i % 3 == 1).toArray();
        TabularData v = d.withValidation(keep, held);
        assertEquals(0, v.trainRows()[0], "and stays one, so its fill is refitted");
        assertEquals(keep.length, v.trainSize());
        assertEquals(held.length, v.validationSize());
        assertArrayEquals(d.testRows(), v.testRows());
        int[] newTrain = v.trainRows();
        double[] x =
                IntStream.of(newTrain)
                        .filter(r -> r != 0)
                        .mapToDouble(r -> v.table().number(r, 0))
                        .toArray();
        double fill = Arrays.stream(x).average().orElseThrow();
        double mean =
                IntStream.of(newTrain)
                        .mapToDouble(r -> r == 0 ? fill : v.table().number(r, 0))
                        .average()
                        .orElseThrow();
        assertEquals(mean, normalizationMean(v), 1e-9, "fitted on the new training rows");
        assertNotEquals(normalizationMean(d), normalizationMean(v));
        try (NDManager m = manager.newSubManager()) {
            TensorDataset val = v.validation(m);
            assertEquals(new Shape(held.length, 1), val.x().getShape());
            float[] all = v.train(m).x().toFloatArray();
            assertEquals(
                    0,
                    Arrays.stream(toDoubles(all)).average().orElseThrow(),
                    1e-6,
                    "the new training split is centred");
        }
    }

    @Test
    void fitStandardizationIsTheGlobalMeanAndStdOfTheNormalizedTrainingInputs() {
        TabularData d =
                table(
                        "a,b,label\n1,5,x\n2,7,y\n3,6,x\n4,9,y\n5,1,x\n6,2,y\n",
                        spec("label", 0.34, Outliers.NONE, Method.MINMAX));
        Standardization s = d.fitStandardization();
        try (NDManager m = manager.newSubManager()) {
            double[] x = toDoubles(d.train(m).x().toFloatArray());
            double mean = Arrays.stream(x).average().orElseThrow();
            double var = Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / x.length;
            assertEquals(mean, s.mean(), 1e-7);
            assertEquals(Math.sqrt(var), s.std(), 1e-7);
        }
    }

    @Test
    void droppingOutliersShrinksTheTrainingSplitOnly() {
        StringBuilder text = new StringBuilder("x,label\n");
        for (int i = 0; i < 40; i++) {
            text.append(i % 10 == 9 ? 1000 : i % 10)
                    .append(',')
                    .append(i % 2 == 0 ? "a" : "b")
                    .append('\n');
        }
        TabularData none =
                table(text.toString(), spec("label", 0.25, Outliers.NONE, Method.STANDARDIZE));
        TabularData drop =
                table(text.toString(), spec("label", 0.25, Outliers.DROP, Method.STANDARDIZE));
        assertArrayEquals(none.testRows(), drop.testRows());
        long outliersInTrain =
                IntStream.of(none.trainRows())
                        .filter(r -> none.table().number(r, 0) == 1000)
                        .count();
        assertTrue(outliersInTrain > 0);
        assertEquals(none.trainSize() - outliersInTrain, drop.trainSize());
        @SuppressWarnings("unchecked")
        Map<String, Object> cleaning = (Map<String, Object>) drop.preprocessing().get("cleaning");
        assertEquals((int) outliersInTrain, cleaning.get("outlier_rows_dropped"));
    }

    @Test
    void preprocessingIsJsonWithTheFittedValues() throws Exception {
        TabularData d = iris();
        ObjectMapper json = new ObjectMapper();
        JsonNode p = json.readTree(json.writeValueAsString(d.preprocessing()));
        assertEquals("species", p.get("target").asText());
        assertEquals("standardize", p.get("normalization").get("method").asText());
        double mean =
                IntStream.of(d.trainRows())
                        .mapToDouble(r -> d.table().number(r, 2))
                        .average()
                        .orElseThrow();
        assertEquals(
                mean,
                p.get("normalization").get("columns").get("petal_length").get("mean").asDouble(),
                1e-9);
        assertEquals("mean", p.get("impute").get("strategy").asText());
        assertEquals(1, p.get("cleaning").get("duplicates_dropped").asInt());
    }

    @Test
    void theTargetMustExistAndHoldTwoClasses() {
        DataException unknown =
                assertThrows(
                        DataException.class,
                        () ->
                                table(
                                        "a,label\n1,x\n",
                                        spec("lable", 0.2, Outliers.NONE, Method.NONE)));
        assertTrue(unknown.getMessage().contains("Columns: a, label"), unknown.getMessage());
        DataException one =
                assertThrows(
                        DataException.class,
                        () ->
                                table(
                                        "a,label\n1,x\n2,x\n3,\n",
                                        spec("label", 0.2, Outliers.NONE, Method.NONE)));
        assertEquals(
                "t.csv: the target column 'label' has 1 distinct value(s) [x] in the 2"
                        + " cleaned rows; a classifier needs at least two",
                one.getMessage());
    }

    @Test
    void theExpressionRoundTripsWithEveryArgumentSpelledOut() {
        CsvSpec defaults = new CsvSpec(Path.of("data.csv"), "label");
        assertEquals(
                "csv(path='data.csv', target=label, test_fraction=0.2, seed=0, dedupe=true,"
                        + " impute=mean, outliers=none, z=3, normalize=standardize)",
                defaults.print());
        List<CsvSpec> specs =
                List.of(
                        defaults,
                        new CsvSpec(
                                Path.of("my data/it's.csv"),
                                "class label",
                                0.35,
                                -7,
                                false,
                                Impute.MOST_FREQUENT,
                                Outliers.DROP,
                                2.5,
                                Method.MINMAX),
                        new CsvSpec(
                                Path.of("/abs/t.csv"),
                                "true",
                                0.5,
                                3,
                                true,
                                Impute.MEDIAN,
                                Outliers.CLIP,
                                4,
                                Method.NONE));
        for (CsvSpec s : specs) {
            assertEquals(s, Datasets.REGISTRY.parse(s.print()), s.print());
        }
        assertEquals(defaults, Datasets.REGISTRY.parse("csv(path='data.csv', target=label)"));
    }

    @Test
    void badArgumentsAreRefusedByName() {
        String noTarget =
                assertThrows(
                                ConfigException.class,
                                () -> Datasets.REGISTRY.parse("csv(path='d.csv')"))
                        .getMessage();
        assertTrue(noTarget.contains("target") && noTarget.contains("is required"), noTarget);
        String fraction =
                assertThrows(
                                ConfigException.class,
                                () ->
                                        Datasets.REGISTRY.parse(
                                                "csv(path='d.csv', target=y, test_fraction=1)"))
                        .getMessage();
        assertTrue(fraction.contains("test_fraction=1") && fraction.contains("(0, 1)"), fraction);
        String impute =
                assertThrows(
                                ConfigException.class,
                                () ->
                                        Datasets.REGISTRY.parse(
                                                "csv(path='d.csv', target=y, impute=mode)"))
                        .getMessage();
        assertTrue(impute.contains("must be one of mean, median, most_frequent"), impute);
        String typo =
                assertThrows(
                                ConfigException.class,
                                () ->
                                        Datasets.REGISTRY.parse(
                                                "csv(path='d.csv', target=y, normalise=minmax)"))
                        .getMessage();
        assertTrue(typo.contains("did you mean normalize?"), typo);
    }

    @SuppressWarnings("unchecked")
    private static double normalizationMean(TabularData d) {
        Map<String, Object> n = (Map<String, Object>) d.preprocessing().get("normalization");
        return ((Map<String, Map<String, Double>>) n.get("columns")).get("x").get("mean");
    }

    private static double[] toDoubles(float[] f) {
        return IntStream.range(0, f.length).mapToDouble(i -> f[i]).toArray();
    }
}
