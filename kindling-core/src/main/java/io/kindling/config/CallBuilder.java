package io.kindling.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link Call} for {@link Expressible#toExpr()}: {@code CallBuilder.call("sgd").arg("lr",
 * 0.1).arg("nesterov", false).build()}. Built nodes carry {@link Position#NONE}.
 */
public final class CallBuilder {

    private final String name;
    private final List<Arg> args = new ArrayList<>();

    private CallBuilder(String name) {
        this.name = name;
    }

    /** Starts a call with this name. */
    public static CallBuilder call(String name) {
        return new CallBuilder(name);
    }

    /** A number, e.g. {@code lr=0.1}; integral values print without {@code .0}. */
    public CallBuilder arg(String key, double v) {
        return arg(key, new Num(v, Position.NONE));
    }

    /** A whole number, e.g. {@code depth=3}. */
    public CallBuilder arg(String key, int v) {
        return arg(key, new Num(v, Position.NONE));
    }

    /** {@code true} or {@code false}. */
    public CallBuilder arg(String key, boolean v) {
        return arg(key, new Bool(v, Position.NONE));
    }

    /**
     * A bare name such as {@code mode=fan_in}. A word that cannot be bare (spaces, reserved {@code
     * true}/{@code false}) is quoted instead; {@link Args#choice} and {@link Args#string} read both
     * forms alike.
     */
    public CallBuilder arg(String key, String bareName) {
        return arg(
                key,
                Identifiers.isName(bareName)
                        ? new Call(bareName, List.of(), Position.NONE)
                        : new Str(bareName, true, Position.NONE));
    }

    /** A quoted string, e.g. {@code dir='/data/fashion mnist'}. */
    public CallBuilder argQuoted(String key, String s) {
        return arg(key, new Str(s, true, Position.NONE));
    }

    /** Any expression. */
    public CallBuilder arg(String key, Expr e) {
        args.add(new Arg(key, e, Position.NONE));
        return this;
    }

    /** A nested object, e.g. {@code activation=leaky_relu(slope=0.1)}. */
    public CallBuilder arg(String key, Expressible x) {
        return arg(key, x.toExpr());
    }

    /** A list of numbers, e.g. {@code milestones=[10, 20]}. */
    public CallBuilder argNumbers(String key, List<? extends Number> values) {
        List<Expr> items = new ArrayList<>();
        for (Number n : values) {
            items.add(new Num(n.doubleValue(), Position.NONE));
        }
        return arg(key, new ListExpr(items, Position.NONE));
    }

    /** A list of nested objects, e.g. {@code schedules=[linear(...), cosine(...)]}. */
    public CallBuilder argList(String key, List<? extends Expressible> values) {
        List<Expr> items = new ArrayList<>();
        for (Expressible x : values) {
            items.add(x.toExpr());
        }
        return arg(key, new ListExpr(items, Position.NONE));
    }

    /**
     * The call.
     *
     * @throws IllegalArgumentException if the name is not an identifier or a key repeats
     */
    public Call build() {
        return new Call(name, args, Position.NONE);
    }
}
