package io.kindling.data.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kindling.data.CsvTable;
import io.kindling.data.DataException;
import io.kindling.data.Datasets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvSeriesTest {

    /** The shipped file: tests run in the module folder under Maven, elsewhere in the root. */
    static Path shipped(String file) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("examples/data").resolve(file);
            if (java.nio.file.Files.exists(p)) {
                return p;
            }
        }
        throw new AssertionError("examples/data/" + file + " not found");
    }

    private static Series read(String text, CsvSeries.Missing missing) {
        return new CsvSeries(Path.of("t.csv"), "v", "time", missing)
                .from(CsvTable.parse(text, "t.csv"));
    }

    @Test
    void theColumnIsReadInFileOrderWithItsTimes() {
        Series s =
                read(
                        "time,v,other\n2020-01,1.5,a\n2020-02,2.5,b\n2020-03,-1,c\n",
                        CsvSeries.Missing.ERROR);
        assertArrayEquals(new double[] {1.5, 2.5, -1}, s.values());
        assertEquals(List.of("2020-01", "2020-02", "2020-03"), s.times());
        assertEquals("t", s.name());
    }

    @Test
    void aNonNumericValueIsRefusedNamingTheRowAndTheValue() {
        DataException e =
                assertThrows(
                        DataException.class,
                        () -> read("time,v\n1,1\n2,2\n3,n/a?\n4,4\n", CsvSeries.Missing.ERROR));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "t.csv: row 3 (line 4) of column 'v' holds 'n/a?', not a number"),
                e.getMessage());
        assertTrue(e.getMessage().contains("missing=drop|ffill|interpolate"), e.getMessage());
    }

    @Test
    void aMissingValueIsRefusedNamingTheRowAndTheCleaningOptions() {
        DataException e =
                assertThrows(
                        DataException.class,
                        () -> read("time,v\n1,1\n2,NA\n3,3\n", CsvSeries.Missing.ERROR));
        assertTrue(
                e.getMessage().startsWith("t.csv: row 2 (line 3) of column 'v' is missing"),
                e.getMessage());
        for (String option : List.of("missing=drop", "missing=ffill", "missing=interpolate")) {
            assertTrue(e.getMessage().contains(option), e.getMessage());
        }
    }

    @Test
    void missingValuesAreDroppedFilledOrInterpolatedAsAsked() {
        String text = "time,v\n1,1\n2,\n3,\n4,4\n";
        assertArrayEquals(new double[] {1, 4}, read(text, CsvSeries.Missing.DROP).values());
        assertArrayEquals(new double[] {1, 1, 1, 4}, read(text, CsvSeries.Missing.FFILL).values());
        assertArrayEquals(
                new double[] {1, 2, 3, 4},
                read(text, CsvSeries.Missing.INTERPOLATE).values(),
                1e-12);
    }

    @Test
    void anUnknownColumnIsRefusedListingTheColumns() {
        DataException e =
                assertThrows(
                        DataException.class,
                        () ->
                                new CsvSeries(
                                                Path.of("t.csv"),
                                                "temp",
                                                null,
                                                CsvSeries.Missing.ERROR)
                                        .from(CsvTable.parse("date,tmp\n1,2\n2,3\n", "t.csv")));
        assertTrue(e.getMessage().contains("has no column 'temp'"), e.getMessage());
        assertTrue(e.getMessage().contains("Columns: date, tmp"), e.getMessage());
    }

    @Test
    void timeGoingBackwardsIsRefused() {
        DataException e =
                assertThrows(
                        DataException.class,
                        () -> read("time,v\n2020-02,1\n2020-01,2\n", CsvSeries.Missing.ERROR));
        assertTrue(e.getMessage().contains("goes backwards at row 2"), e.getMessage());
    }

    @Test
    void theShippedSeriesLoadAsForecasts() {
        SeriesData weather =
                (SeriesData)
                        Datasets.REGISTRY
                                .parse(
                                        "series(path='"
                                                + shipped("seattle-weather.csv")
                                                + "',"
                                                + " column=temp_max, time=date, window=28,"
                                                + " validation=0.1, test=0.2)")
                                .load();
        assertEquals(1461, weather.series().length());
        assertEquals("2012/01/01", weather.series().time(0));
        SeriesData temps =
                (SeriesData)
                        Datasets.REGISTRY
                                .parse(
                                        "series(path='"
                                                + shipped("seattle-temps-2010q1.csv")
                                                + "',"
                                                + " column=temp, time=date, window=48, season=24)")
                                .load();
        assertEquals(2160, temps.series().length());
    }

    @Test
    void furtherInputColumnsJoinEachStepAndEachIsStandardizedOnTheTrainingPart() {
        StringBuilder text = new StringBuilder("time,v,w\n");
        for (int t = 0; t < 40; t++) {
            text.append(t).append(',').append(t).append(',').append(100 + 2 * t).append('\n');
        }
        CsvSeries source =
                new CsvSeries(Path.of("t.csv"), "v", List.of("w"), "time", CsvSeries.Missing.ERROR);
        Series s = source.from(CsvTable.parse(text.toString(), "t.csv"));
        assertEquals(2, s.perStep());
        SeriesSpec spec =
                new SeriesSpec(
                        source, new Windows(4, 2, 1), new ChronologicalSplit(0, 0.25), 1, true);
        SeriesData d = SeriesData.of(spec, s);
        assertEquals(io.kindling.nn.InputShape.sequence(4, 2), d.inputShape());
        assertEquals(8, d.features());
        // both columns are ramps over the training part 0..29, so they standardize alike
        double mean = 14.5;
        double std = Math.sqrt((30.0 * 30 - 1) / 12);
        io.kindling.engine.Compute.start(new io.kindling.engine.Compute.Threads(1, 1));
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager("PyTorch")) {
            var test = d.test(m);
            float[] x = test.x().toFloatArray();
            // first test window starts at t = 30: (v, w) per step
            for (int j = 0; j < 4; j++) {
                assertEquals((30 + j - mean) / std, x[2 * j], 1e-5);
                assertEquals((30 + j - mean) / std, x[2 * j + 1], 1e-5);
            }
            assertEquals((34 - mean) / std, test.y().getFloat(0, 0), 1e-5);
            assertEquals(6, d.forecast().naiveSteps()[0], "the series' value at the last step");
        }
        var round = Datasets.REGISTRY.parse(spec.print());
        assertEquals(spec, round, spec.print());
        assertTrue(spec.print().contains("inputs=['w']"), spec.print());
    }

    @Test
    void aMissingValueInAnInputColumnIsNamedToo() {
        DataException e =
                assertThrows(
                        DataException.class,
                        () ->
                                new CsvSeries(
                                                Path.of("t.csv"),
                                                "v",
                                                List.of("w"),
                                                null,
                                                CsvSeries.Missing.ERROR)
                                        .from(CsvTable.parse("v,w\n1,2\n2,\n3,4\n", "t.csv")));
        assertTrue(
                e.getMessage().contains("row 2 (line 3) of column 'w' is missing"), e.getMessage());
    }
}
