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
}
