package io.kindling.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ExprPrinterTest {

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "relu()                                  | relu",
                "sgd( lr = 0.050 ,momentum=9e-1, )       | sgd(lr=0.05, momentum=0.9)",
                "f(a=3.0E-4, b=1.0, c=-2e0, d=100)       | f(a=3e-4, b=1, c=-2, d=100)",
                "f(a=1e15, b=1.5e20, c=123.25, d=0.001)  | f(a=1e15, b=1.5e20, c=123.25, d=0.001)",
                "f(a=0.00012, b=-0.0, c=0)               | f(a=1.2e-4, b=-0, c=0)",
                "f(x=[ ], y=[1,[2 ,3]])                  | f(x=[], y=[1, [2, 3]])",
                "f(s=\"it's\")                           | f(s='it\\'s')",
                "f(b=TRUE, c=true)                       | f(b=TRUE, c=true)",
            })
    void printing_is_canonical(String text, String expected) {
        assertEquals(expected, ExprPrinter.print(ExprParser.parse(text)));
    }

    @Test
    void every_number_prints_to_text_that_reads_back_to_the_same_double() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            double v =
                    switch (i % 4) {
                        case 0 -> random.nextGaussian();
                        case 1 -> Double.longBitsToDouble(random.nextLong());
                        case 2 -> Math.round(random.nextGaussian() * 1e6) / 1e3;
                        default -> random.nextInt();
                    };
            if (!Double.isFinite(v)) {
                continue;
            }
            String text = ExprPrinter.formatNumber(v);
            Num back = (Num) ExprParser.parse(text);
            assertEquals(v, back.value(), text);
        }
    }

    @Test
    @SuppressWarnings("FloatingPointLiteralPrecision") // 2e23 has no exact double: the point
    void numbers_use_the_shortest_digits() {
        assertEquals("0.1", ExprPrinter.formatNumber(0.1));
        assertEquals("0.30000000000000004", ExprPrinter.formatNumber(0.1 + 0.2));
        // Double.toString gives 2.0E23 here too, but JDK 17 prints some values with extra digits.
        assertEquals("2e23", ExprPrinter.formatNumber(2e23));
        assertEquals("5e-324", ExprPrinter.formatNumber(Double.MIN_VALUE));
        assertEquals("1.7976931348623157e308", ExprPrinter.formatNumber(Double.MAX_VALUE));
        assertEquals("-123456789", ExprPrinter.formatNumber(-123456789));
    }

    @Test
    void records_print_themselves() {
        Call c =
                new Call(
                        "noisy",
                        List.of(
                                new Arg(
                                        "base",
                                        new Call("orthogonal", List.of(), Position.NONE),
                                        Position.NONE),
                                new Arg("std", new Num(0.01, Position.NONE), Position.NONE),
                                new Arg(
                                        "name",
                                        new Str("a\\b", false, Position.NONE),
                                        Position.NONE)),
                        Position.NONE);
        assertEquals("noisy(base=orthogonal, std=0.01, name='a\\\\b')", c.toString());
        assertEquals("std=0.01", c.args().get(1).toString());
        assertEquals("1:14", new Position(1, 14).toString());
    }
}
