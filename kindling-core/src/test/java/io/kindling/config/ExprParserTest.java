package io.kindling.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ExprParserTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "relu",
                "fashion-mnist",
                "torch.nn.relu",
                "kaiming_normal(mode=fan_out, nonlinearity=relu)",
                "sgd(lr=0.05, momentum=0.9)",
                "adam(lr=3e-4, betas=[0.9, 0.999], eps=1E-8)",
                "noisy(base=orthogonal(gain=1.0), std=0.01)",
                "sequential(schedules=[linear(start_factor=0.1), cosine(t_max=100)], milestones=[10])",
                "mlp(depth=3, width=256, activation=leaky_relu(slope=0.1))",
                "f(a=-1, b=-0.5, c=-2.5e-10, d=1.5e300, e=123456789012345678, f=.5, g=5.)",
                "f(x=-0)",
                "f(x=0.1, y=0.30000000000000004, z=4.9e-324, w=1.7976931348623157e308)",
                "f(flag=true, other=false)",
                "f(s='a b', t=\"double \\\" quoted\", u='it\\'s', v='back\\\\slash', w='tab\\there\\nline')",
                "f(empty=[], nested=[[1, 2], [], ['x']], mixed=[1, true, 'a', g(k=v)])",
                "f(trailing=1,)",
                "[1, 2, 3,]",
                "  sgd (\n  lr = 0.1 ,\n  nesterov=true\n)  ",
                "'just a string'",
                "42",
                "g()",
            })
    void parsing_the_printed_form_gives_back_an_equal_expression(String text) {
        Expr e = ExprParser.parse(text);
        String printed = ExprPrinter.print(e);
        Expr again = ExprParser.parse(printed);
        assertEquals(e, again, printed);
        assertEquals(printed, ExprPrinter.print(again), "printing is canonical");
        assertEquals(printed, e.toString());
    }

    @Test
    void a_call_keeps_names_keys_values_and_positions() {
        Expr e = ExprParser.parse("noisy(base=orthogonal(gain=1.0),\n  std=3e-4, tags=['a', b])");
        Call call = assertInstanceOf(Call.class, e);
        assertEquals("noisy", call.name());
        assertEquals(new Position(1, 1), call.position());
        assertEquals(List.of("base", "std", "tags"), call.args().stream().map(Arg::key).toList());

        Arg base = call.args().get(0);
        assertEquals(new Position(1, 7), base.position());
        Call orthogonal = assertInstanceOf(Call.class, base.value());
        assertEquals(new Position(1, 12), orthogonal.position());
        Num gain = assertInstanceOf(Num.class, orthogonal.arg("gain").orElseThrow().value());
        assertEquals(1.0, gain.value());
        assertEquals("1.0", gain.text());

        Arg std = call.args().get(1);
        assertEquals(new Position(2, 3), std.position());
        Num stdValue = assertInstanceOf(Num.class, std.value());
        assertEquals(3e-4, stdValue.value());
        assertEquals("3e-4", stdValue.text());
        assertEquals(new Position(2, 7), stdValue.position());

        ListExpr tags = assertInstanceOf(ListExpr.class, call.args().get(2).value());
        assertEquals(new Str("a", true, Position.NONE), tags.items().get(0));
        assertEquals(new Call("b", List.of(), Position.NONE), tags.items().get(1));
    }

    @Test
    void a_bare_identifier_is_a_call_without_arguments_and_true_is_a_bool() {
        assertEquals(new Call("relu", List.of(), Position.NONE), ExprParser.parse("relu"));
        assertEquals(ExprParser.parse("relu"), ExprParser.parse("relu()"));
        assertEquals(new Bool(true, Position.NONE), ExprParser.parse("true"));
        assertEquals(new Bool(false, Position.NONE), ExprParser.parse("false"));
        assertInstanceOf(Call.class, ExprParser.parse("inf"), "inf is a name, not a number");
        assertInstanceOf(Call.class, ExprParser.parse("nan"));
    }

    @Test
    void quoted_strings_unescape_and_both_quote_styles_mean_the_same() {
        Str s = assertInstanceOf(Str.class, ExprParser.parse("'it\\'s a \\\\ \"b\"'"));
        assertEquals("it's a \\ \"b\"", s.value());
        assertTrue(s.quoted());
        assertEquals(ExprParser.parse("'a b'"), ExprParser.parse("\"a b\""));
        assertEquals("'it\\'s a \\\\ \"b\"'", ExprPrinter.print(s));
    }

    @Test
    void equality_ignores_positions_and_number_spelling_but_not_values() {
        assertEquals(ExprParser.parse("sgd(lr=0.0003)"), ExprParser.parse("  sgd( lr = 3e-4 )"));
        assertEquals(
                ExprParser.parse("f(x=1)").hashCode(), ExprParser.parse("f(x=1.0)").hashCode());
        assertNotEquals(ExprParser.parse("sgd(lr=0.1)"), ExprParser.parse("sgd(lr=0.2)"));
        assertNotEquals(ExprParser.parse("f(a=1, b=2)"), ExprParser.parse("f(b=2, a=1)"));
        assertNotEquals(ExprParser.parse("f(x=0)"), ExprParser.parse("f(x=-0)"));
        assertNotEquals(ExprParser.parse("'relu'"), ExprParser.parse("relu"));
    }

    @ParameterizedTest(name = "{0} fails with {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "sgd(lr=)          | Unexpected ')' at 1:8; expected a value (number, true/false, 'string', [list] or name(...))",
                "sgd(lr=1) x       | Unexpected 'x' at 1:11; expected end of input",
                "sgd(lr=1))        | Unexpected ')' at 1:10; expected end of input",
                "sgd(lr=1          | Unexpected end of input at 1:9; expected ',' or ')' to close sgd( opened at 1:4",
                "[1, 2             | Unexpected end of input at 1:6; expected ',' or ']' to close [ opened at 1:1",
                "f(a=[1, 2)        | Unexpected ')' at 1:10; expected ',' or ']' to close [ opened at 1:5",
                "sgd(0.1)          | Expected key=value at 1:5, got '0.1'; arguments of sgd(...) are keyword-only, write e.g. key=0.1",
                "f(relu)           | Expected key=value at 1:3, got 'relu'",
                "f(g(x=1))         | got 'g'; arguments of f(...) are keyword-only, write e.g. key=g(...)",
                "sgd(lr 0.1)       | Unexpected '0.1' at 1:8; expected '=' after the key 'lr'",
                "sgd(lr=1 momentum=2) | Unexpected 'momentum' at 1:10; expected ',' or ')' to close sgd( opened at 1:4",
                "sgd(lr=1, lr=2)   | Duplicate argument 'lr' at 1:11 in sgd(...); it was already given at 1:5",
                "sgd(,)            | Unexpected ',' at 1:5; expected key=value or ')'",
                "f(a=1,,)          | Unexpected ',' at 1:7",
                "f(s='abc)         | Unterminated string starting at 1:5",
                "`f(s=\"abc)`      | Unterminated string starting at 1:5; expected a closing \"",
                "f(s='a\\qb')      | Unknown escape '\\q' at 1:7",
                "f(x=1.5.3)        | Malformed number '1.5.3' at 1:5",
                "f(x=3abc)         | Malformed number '3abc' at 1:5",
                "f(x=-inf)         | Malformed number '-inf' at 1:5",
                "f(x=1e999)        | Number '1e999' at 1:5 is too large",
                "f(x=1;)           | Unexpected character ';' at 1:6",
                "csv(path=data/x.csv, target=label) | Unexpected character '/' at 1:14; expected a value (number, true/false, 'string', [list] or name(...)) or one of ( ) [ ] , =. Paths are strings: quote them, e.g. 'data/x.csv'",
                "csv(path=/tmp/x.csv)  | Paths are strings: quote them, e.g. '/tmp/x.csv'",
                "csv(path=./x.csv)     | Malformed number '.' at 1:10; expected e.g. 3, -0.5 or 3e-4. Paths are strings: quote them, e.g. './x.csv'",
                "csv(path=~/x.csv)     | Paths are strings: quote them, e.g. '~/x.csv'",
                "true(x=1)         | 'true' at 1:1 is a reserved word",
                "`   `             | Empty expression at 1:4",
                "`f(\n  x=)`       | Unexpected ')' at 2:5",
            })
    void syntax_errors_name_the_token_its_position_and_what_was_expected(String text, String msg) {
        ConfigException e = assertThrows(ConfigException.class, () -> ExprParser.parse(text));
        assertTrue(e.getMessage().contains(msg), () -> "message was: " + e.getMessage());
        assertTrue(e.position() != null && e.position().isKnown(), "has a position");
        assertEquals(1, e.getMessage().lines().count(), "one line");
    }

    @Test
    void a_semicolon_is_not_mistaken_for_a_path() {
        ConfigException e = assertThrows(ConfigException.class, () -> ExprParser.parse("f(x=1;)"));
        assertFalse(e.getMessage().contains("Paths are strings"), e.getMessage());
    }

    @Test
    void absurd_nesting_is_an_error_rather_than_a_stack_overflow() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        ConfigException e = assertThrows(ConfigException.class, () -> ExprParser.parse(deep));
        assertTrue(e.getMessage().contains("nested deeper than"), e.getMessage());
    }
}
