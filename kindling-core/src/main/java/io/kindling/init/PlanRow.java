package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.kindling.nn.ParamContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One line of the printed init plan: what a parameter is, which rule it got, the std that rule
 * targets and the std its tensor actually has.
 *
 * @param parameter name
 * @param shape shape as text, e.g. {@code 256x784}
 * @param fanIn fan-in
 * @param fanOut fan-out
 * @param tags the tags its family declared ({@code block}, {@code stage}, {@code gate}, {@code
 *     projection}, …), which selectors match
 * @param rule the matching selector
 * @param initializer the initializer's canonical expression
 * @param expectedStd the std the initializer targets
 * @param sampledStd the std of the values the parameter holds now
 */
public record PlanRow(
        String parameter,
        String shape,
        long fanIn,
        long fanOut,
        Map<String, String> tags,
        String rule,
        String initializer,
        double expectedStd,
        double sampledStd) {

    /** Rows for every initialized parameter, reading the tensors as they are now. */
    public static List<PlanRow> of(List<InitPlan.Entry> entries) {
        List<PlanRow> rows = new ArrayList<>();
        for (InitPlan.Entry e : entries) {
            ParamContext c = e.context();
            rows.add(
                    new PlanRow(
                            c.name(),
                            shapeText(c),
                            c.fanIn(),
                            c.fanOut(),
                            c.tags().values(),
                            e.rule().selector().text(),
                            e.rule().initializer().print(),
                            e.rule().initializer().std(c),
                            std(e.values())));
        }
        return rows;
    }

    private static String shapeText(ParamContext c) {
        StringBuilder b = new StringBuilder();
        for (long d : c.shape().getShape()) {
            b.append(b.length() == 0 ? "" : "x").append(d);
        }
        return b.toString();
    }

    /** Population std of a tensor, computed in float64 on the engine. */
    static double std(NDArray a) {
        try (NDArray x = a.toType(DataType.FLOAT64, true);
                NDArray centred = x.sub(x.mean());
                NDArray sq = centred.square();
                NDArray mean = sq.mean()) {
            return Math.sqrt(mean.getDouble());
        }
    }
}
