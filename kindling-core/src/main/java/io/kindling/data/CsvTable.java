package io.kindling.data;

import io.kindling.config.Suggestions;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A CSV file with a header row, read whole into memory, every cell kept as text and the numeric
 * columns also parsed.
 *
 * <p>The format is RFC 4180 (Shafranovich 2005): fields are separated by commas, a field in double
 * quotes may hold commas, line breaks and quotes written twice ({@code "a ""b"", c"}). Unquoted
 * fields are trimmed; quoted ones are kept exactly. Lines may end in LF or CRLF; blank lines are
 * skipped. A cell is missing when it is empty or one of {@code NA}, {@code NaN}, {@code ?} (any
 * case), the markers pandas and the UCI repository use.
 *
 * <p>A column is numeric when every non-missing cell is a decimal number ({@code -1.5}, {@code
 * 2e-3}), otherwise categorical.
 *
 * <p>Errors are {@link DataException}s naming the file, the line and the problem: {@code data.csv:
 * line 17 has 4 fields, the header has 5}.
 */
public final class CsvTable {

    private static final Pattern NUMBER =
            Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    /** Missing-value markers, upper-cased; the empty cell is missing too. */
    private static final List<String> MISSING = List.of("NA", "NAN", "?");

    private final String source;
    private final List<String> columns;
    private final String[][] cells;
    private final int[] lines;
    private final double[][] numbers;

    private CsvTable(String source, List<String> columns, String[][] cells, int[] lines) {
        this.source = source;
        this.columns = List.copyOf(columns);
        this.cells = cells;
        this.lines = lines;
        this.numbers = new double[columns.size()][];
        for (int c = 0; c < columns.size(); c++) {
            numbers[c] = parseColumn(c);
        }
    }

    /**
     * Reads a UTF-8 CSV file.
     *
     * @throws DataException if the file is missing, unreadable or malformed
     */
    public static CsvTable read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            throw new DataException("CSV file " + file + " does not exist", e);
        } catch (CharacterCodingException e) {
            throw new DataException(
                    "CSV file "
                            + file
                            + " is not UTF-8 text; save it as UTF-8"
                            + " (Latin-1 files and spreadsheets' default exports often are not)",
                    e);
        } catch (IOException e) {
            throw new DataException("Cannot read CSV file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses CSV text.
     *
     * @param text the whole file
     * @param source the file's name, for messages
     * @throws DataException if the text is empty or malformed
     */
    public static CsvTable parse(String text, String source) {
        List<CsvRecords.Record> records = CsvRecords.split(text, source);
        if (records.isEmpty()) {
            throw new DataException(
                    source + " is empty: a CSV file needs a header row naming" + " its columns");
        }
        List<String> header = header(records.get(0), source);
        if (records.size() == 1) {
            throw new DataException(source + " has a header but no data rows");
        }
        String[][] cells = new String[records.size() - 1][];
        int[] lines = new int[cells.length];
        for (int r = 0; r < cells.length; r++) {
            CsvRecords.Record rec = records.get(r + 1);
            if (rec.fields().size() != header.size()) {
                throw new DataException(
                        source
                                + ": line "
                                + rec.line()
                                + " has "
                                + rec.fields().size()
                                + " fields, the header has "
                                + header.size());
            }
            cells[r] = rec.fields().stream().map(CsvTable::cell).toArray(String[]::new);
            lines[r] = rec.line();
        }
        return new CsvTable(source, header, cells, lines);
    }

    /** The file the table was read from. */
    public String source() {
        return source;
    }

    /** The column names, in file order. */
    public List<String> columns() {
        return columns;
    }

    /** Number of data rows (the header not counted). */
    public int rows() {
        return cells.length;
    }

    /** The line of the file where {@code row} starts (the header is line 1). */
    public int line(int row) {
        return lines[row];
    }

    /**
     * The index of the column called {@code name}.
     *
     * @throws DataException naming the columns there are, if none is called so
     */
    public int column(String name) {
        int c = columns.indexOf(name);
        if (c < 0) {
            throw new DataException(
                    source
                            + " has no column '"
                            + name
                            + "'"
                            + Suggestions.didYouMean(name, columns)
                            + " Columns: "
                            + String.join(", ", columns));
        }
        return c;
    }

    /** Whether every non-missing cell of the column is a number. */
    public boolean isNumeric(int column) {
        return numbers[column] != null;
    }

    /** Whether the cell is missing (empty, NA, NaN or ?). */
    public boolean isMissing(int row, int column) {
        return cells[row][column] == null;
    }

    /** The cell as text, or null when missing. */
    public String text(int row, int column) {
        return cells[row][column];
    }

    /**
     * The cell of a numeric column as a number, NaN when missing.
     *
     * @throws IllegalArgumentException if the column is categorical
     */
    public double number(int row, int column) {
        if (numbers[column] == null) {
            throw new IllegalArgumentException(
                    "column '"
                            + columns.get(column)
                            + "' of "
                            + source
                            + " is categorical, not numeric");
        }
        return numbers[column][row];
    }

    @Override
    public String toString() {
        return source + ": " + rows() + " rows, columns " + String.join(", ", columns);
    }

    private double[] parseColumn(int c) {
        double[] values = new double[cells.length];
        for (int r = 0; r < cells.length; r++) {
            String s = cells[r][c];
            if (s == null) {
                values[r] = Double.NaN;
            } else if (NUMBER.matcher(s).matches()) {
                values[r] = Double.parseDouble(s);
            } else {
                return null;
            }
        }
        return values;
    }

    private static List<String> header(CsvRecords.Record rec, String source) {
        List<String> names = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (CsvRecords.Field f : rec.fields()) {
            int position = names.size() + 1;
            if (f.text().isEmpty()) {
                throw new DataException(
                        source
                                + ": line "
                                + rec.line()
                                + ": column "
                                + position
                                + " of the header has no name");
            }
            Integer before = seen.putIfAbsent(f.text(), position);
            if (before != null) {
                throw new DataException(
                        source
                                + ": line "
                                + rec.line()
                                + ": duplicate column name '"
                                + f.text()
                                + "' (columns "
                                + before
                                + " and "
                                + position
                                + ")");
            }
            names.add(f.text());
        }
        return names;
    }

    private static String cell(CsvRecords.Field f) {
        String s = f.text();
        String upper = s.toUpperCase(Locale.ROOT);
        return s.isEmpty() || MISSING.contains(upper) ? null : s;
    }
}
