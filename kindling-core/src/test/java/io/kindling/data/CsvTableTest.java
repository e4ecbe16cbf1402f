package io.kindling.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 4180 reading, missing markers, column types, and errors that name file and line. */
class CsvTableTest {

    private static CsvTable parse(String text) {
        return CsvTable.parse(text, "t.csv");
    }

    private static String error(String text) {
        return assertThrows(DataException.class, () -> parse(text)).getMessage();
    }

    @Test
    void quotedFieldsHoldCommasDoubledQuotesAndLineBreaks() {
        CsvTable t = parse("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n");
        assertEquals(List.of("a", "b", "c"), t.columns());
        assertEquals(1, t.rows());
        assertEquals("x, y", t.text(0, 0));
        assertEquals("say \"hi\"", t.text(0, 1));
        assertEquals("two\nlines", t.text(0, 2));
    }

    @Test
    void unquotedFieldsAreTrimmedButQuotedOnesKeepTheirSpaces() {
        CsvTable t = parse("a,b\n  left  ,  \" kept \"  \n");
        assertEquals("left", t.text(0, 0));
        assertEquals(" kept ", t.text(0, 1));
    }

    @Test
    void emptyCellsAndNaNanQuestionMarkInAnyCaseAreMissing() {
        CsvTable t = parse("a,b,c,d,e,f,g,h\n,NA,na,NaN,nan,?,\"\",N/A\n");
        for (int c = 0; c < 7; c++) {
            assertTrue(t.isMissing(0, c), "column " + t.columns().get(c));
            assertNull(t.text(0, c));
        }
        assertFalse(t.isMissing(0, 7), "N/A is a category, not a missing marker");
        assertEquals("N/A", t.text(0, 7));
        assertTrue(Double.isNaN(t.number(0, 1)));
    }

    @Test
    void aColumnIsNumericOnlyWhenEveryPresentCellIsADecimalNumber() {
        CsvTable t =
                parse(
                        "n,s,hex,suffix,quoted,allmissing\n"
                                + "1,1,0x1p3,1.5f,\"1,000\",NA\n"
                                + "-2.5e3,x,2,2,2,\n"
                                + ".5,2,3,3,3,?\n"
                                + "NA,3,4,4,4,NA\n");
        assertTrue(t.isNumeric(0));
        assertEquals(-2500, t.number(1, 0));
        assertEquals(0.5, t.number(2, 0));
        assertTrue(Double.isNaN(t.number(3, 0)));
        assertFalse(t.isNumeric(1), "one word makes a column categorical");
        assertFalse(t.isNumeric(2), "hex literals are text, not numbers");
        assertFalse(t.isNumeric(3), "Java's 1.5f suffix is text, not a number");
        assertFalse(t.isNumeric(4), "1,000 is text, not a number");
        assertTrue(t.isNumeric(5), "a column with no values is numeric");
        assertThrows(IllegalArgumentException.class, () -> t.number(0, 1));
    }

    @Test
    void crlfEndingsByteOrderMarkAndBlankLinesAreHandled() {
        CsvTable t = parse("\uFEFFa,b\r\n1,2\r\n\r\n   \r\n3,4\r\n\r\n");
        assertEquals(List.of("a", "b"), t.columns());
        assertEquals(2, t.rows());
        assertEquals(4, t.number(1, 1));
        assertEquals(5, t.line(1), "blank lines count towards line numbers");
    }

    @Test
    void rowsKnowTheLineTheyStartOnEvenAfterAQuotedLineBreak() {
        CsvTable t = parse("a,b\n\"one\ntwo\nthree\",1\nx,2\n");
        assertEquals(2, t.line(0));
        assertEquals(5, t.line(1));
    }

    @Test
    void aRaggedRowIsRefusedWithItsLineAndBothFieldCounts() {
        StringBuilder text = new StringBuilder("a,b,c,d,e\n");
        for (int line = 2; line < 17; line++) {
            text.append("1,2,3,4,5\n");
        }
        text.append("1,2,3,4\n");
        assertEquals("t.csv: line 17 has 4 fields, the header has 5", error(text.toString()));
    }

    @Test
    void aRaggedRowAfterAMultiLineFieldCountsPhysicalLines() {
        assertEquals(
                "t.csv: line 4 has 3 fields, the header has 2", error("a,b\n\"x\ny\",1\n1,2,3\n"));
    }

    @Test
    void anUnterminatedQuoteNamesTheLineWhereItOpens() {
        String message = error("a,b\n1,2\n3,\"never closed\n4,5\n");
        assertEquals(
                "t.csv: line 3: unterminated quote: the quoted field 2 that opens there"
                        + " never closes",
                message);
    }

    @Test
    void textAfterAClosingQuoteIsRefused() {
        String message = error("a,b\n\"x\"y,2\n");
        assertTrue(
                message.startsWith(
                        "t.csv: line 2: unexpected 'y' after the closing quote" + " of field 1"),
                message);
    }

    @Test
    void anEmptyFileIsRefused() {
        assertTrue(error("").startsWith("t.csv is empty"), error(""));
        assertTrue(error("\n \n\r\n").startsWith("t.csv is empty"));
    }

    @Test
    void aHeaderWithoutRowsIsRefused() {
        assertEquals("t.csv has a header but no data rows", error("a,b\n"));
    }

    @Test
    void duplicateColumnNamesAreRefusedWithBothPositions() {
        assertEquals(
                "t.csv: line 1: duplicate column name 'a' (columns 1 and 3)",
                error("a,b,a\n1,2,3\n"));
    }

    @Test
    void anUnnamedColumnIsRefused() {
        assertEquals("t.csv: line 1: column 2 of the header has no name", error("a,,c\n1,2,3\n"));
    }

    @Test
    void anUnknownColumnIsRefusedWithASuggestionAndTheColumns() {
        CsvTable t = parse("sepal,petal,label\n1,2,x\n");
        DataException e = assertThrows(DataException.class, () -> t.column("lable"));
        assertEquals(
                "t.csv has no column 'lable'; did you mean label? Columns: sepal, petal,"
                        + " label",
                e.getMessage());
        assertEquals(2, t.column("label"));
    }

    @Test
    void readsAUtf8FileAndNamesAMissingOrNonUtf8One(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("flowers.csv");
        Files.writeString(file, "name,size\nrosé,2\n", StandardCharsets.UTF_8);
        CsvTable t = CsvTable.read(file);
        assertEquals("rosé", t.text(0, 0));
        assertEquals(file.toString(), t.source());
        Path missing = dir.resolve("nope.csv");
        DataException e = assertThrows(DataException.class, () -> CsvTable.read(missing));
        assertEquals("CSV file " + missing + " does not exist", e.getMessage());
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "name\nros\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(
                assertThrows(DataException.class, () -> CsvTable.read(latin1))
                        .getMessage()
                        .startsWith("CSV file " + latin1 + " is not UTF-8 text"));
    }
}
