package io.kindling.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records of fields as RFC 4180 (Shafranovich 2005) describes: commas between
 * fields, double quotes around a field that holds commas, line breaks or quotes, and {@code ""} for
 * a quote inside one. Unquoted fields are trimmed, quoted ones are not; spaces around a quoted
 * field are allowed. Blank lines are skipped. A byte-order mark is ignored.
 */
final class CsvRecords {

    /** One field: its text, and whether it was quoted. */
    record Field(String text, boolean quoted) {}

    /** One record and the line it starts on (1-based). */
    @SuppressWarnings("JavaLangClash") // package-private, named as CSV names it
    record Record(List<Field> fields, int line) {}

    private final String text;
    private final String source;
    private int at;
    private int line = 1;

    private CsvRecords(String text, String source) {
        this.text = text;
        this.source = source;
        this.at = text.startsWith("\uFEFF") ? 1 : 0;
    }

    /**
     * The records of {@code text}, header included.
     *
     * @param source the file's name, for messages
     * @throws DataException for an unterminated quote or text after a closing quote
     */
    static List<Record> split(String text, String source) {
        CsvRecords reader = new CsvRecords(text, source);
        List<Record> out = new ArrayList<>();
        while (reader.at < text.length()) {
            Record r = reader.record();
            boolean blank =
                    r.fields().size() == 1
                            && !r.fields().get(0).quoted()
                            && r.fields().get(0).text().isEmpty();
            if (!blank) {
                out.add(r);
            }
        }
        return out;
    }

    private Record record() {
        int start = line;
        List<Field> fields = new ArrayList<>();
        while (true) {
            fields.add(field(fields.size() + 1));
            if (at < text.length() && text.charAt(at) == ',') {
                at++;
                continue;
            }
            endOfLine();
            return new Record(fields, start);
        }
    }

    private Field field(int position) {
        int i = at;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        if (i < text.length() && text.charAt(i) == '"') {
            at = i;
            return quoted(position);
        }
        int end = at;
        while (end < text.length() && !isBreak(text.charAt(end))) {
            end++;
        }
        String value = text.substring(at, end).strip();
        at = end;
        return new Field(value, false);
    }

    private Field quoted(int position) {
        int opened = line;
        StringBuilder value = new StringBuilder();
        at++;
        while (true) {
            if (at >= text.length()) {
                throw new DataException(
                        source
                                + ": line "
                                + opened
                                + ": unterminated quote:"
                                + " the quoted field "
                                + position
                                + " that opens there never closes");
            }
            char c = text.charAt(at);
            if (c == '"') {
                if (at + 1 < text.length() && text.charAt(at + 1) == '"') {
                    value.append('"');
                    at += 2;
                    continue;
                }
                at++;
                break;
            }
            if (c == '\n' || (c == '\r' && !next('\n'))) {
                line++;
            }
            value.append(c);
            at++;
        }
        while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
            at++;
        }
        if (at < text.length() && !isBreak(text.charAt(at))) {
            throw new DataException(
                    source
                            + ": line "
                            + line
                            + ": unexpected '"
                            + text.charAt(at)
                            + "' after the closing quote of field "
                            + position
                            + "; inside a quoted field write a quote twice (\"\")");
        }
        return new Field(value.toString(), true);
    }

    private void endOfLine() {
        if (at >= text.length()) {
            return;
        }
        if (text.charAt(at) == '\r') {
            at++;
        }
        if (at < text.length() && text.charAt(at) == '\n') {
            at++;
        }
        line++;
    }

    private boolean next(char c) {
        return at + 1 < text.length() && text.charAt(at + 1) == c;
    }

    private static boolean isBreak(char c) {
        return c == ',' || c == '\n' || c == '\r';
    }
}
