package io.kindling.engine.check;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Golden sets with one value forced wrong, in memory: the checks must then report a mismatch. */
final class Forced {

    private Forced() {}

    /** {@code set} with the first case whose op is {@code op} changed by {@code change}. */
    static GoldenSet firstCase(GoldenSet set, String op, UnaryOperator<GoldenCase> change) {
        List<GoldenCase> cases = new ArrayList<>(set.cases());
        for (int i = 0; i < cases.size(); i++) {
            if (cases.get(i).op().equals(op)) {
                cases.set(i, change.apply(cases.get(i)));
                return set.withCases(cases);
            }
        }
        throw new AssertionError("no " + op + " case in " + set.generator());
    }

    /** The case with its inference output replaced. */
    static GoldenCase inference(GoldenCase c, UnaryOperator<GoldenTensor> change) {
        return new GoldenCase(
                c.name(),
                c.op(),
                c.args(),
                c.tensors(),
                change.apply(c.inference()),
                c.training(),
                c.gradients());
    }

    /** The tensor with its first value moved by {@code delta}. */
    static GoldenTensor firstValue(GoldenTensor t, double delta) {
        List<Double> values = new ArrayList<>(t.values());
        values.set(0, values.get(0) + delta);
        return new GoldenTensor(t.shape(), values, t.dot1(), t.dot2(), t.norm());
    }

    /** The tensor with its dot1 moved by {@code delta}. */
    static GoldenTensor dot1(GoldenTensor t, double delta) {
        return new GoldenTensor(t.shape(), t.values(), t.dot1() + delta, t.dot2(), t.norm());
    }
}
