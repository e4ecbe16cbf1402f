package io.kindling.tune;

import io.kindling.report.Html;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A parallel-coordinates plot: one vertical axis per parameter and one for the value, one line per
 * complete trial, darker and drawn later the better it is. Numeric axes run from the range's low to
 * high (log scale where the parameter is), choices space their options evenly; a trial without a
 * (conditional) parameter skips that axis.
 */
final class ParallelCoordinates {

    private static final int H = 260;
    private static final int TOP = 30;
    private static final int GAP = 120;

    private ParallelCoordinates() {}

    static String svg(Study study) {
        List<Param> params = study.space().params();
        List<Trial> complete = new ArrayList<>(study.in(TrialState.COMPLETE));
        if (complete.isEmpty()) {
            return "<p>No complete trial yet.</p>";
        }
        complete.sort(Comparator.comparingDouble(t -> -study.direction().loss(t.value())));
        double lo = complete.stream().mapToDouble(Trial::value).min().orElse(0);
        double hi = complete.stream().mapToDouble(Trial::value).max().orElse(1);
        int width = 40 + GAP * (params.size() + 1);
        StringBuilder b =
                new StringBuilder(
                        String.format(
                                Locale.ROOT,
                                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0"
                                        + " %d %d\" font-family=\"sans-serif\" font-size=\"10\">",
                                width,
                                H + TOP + 40,
                                width,
                                H + TOP + 40));
        for (int a = 0; a <= params.size(); a++) {
            int x = 40 + GAP * a;
            b.append(
                    String.format(
                            Locale.ROOT,
                            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"" + " stroke=\"#444\"/>",
                            x,
                            TOP,
                            x,
                            TOP + H));
            String name = a < params.size() ? params.get(a).name() : "value";
            b.append(
                    String.format(
                            Locale.ROOT,
                            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">" + "%s</text>",
                            x,
                            TOP - 10,
                            Html.escape(shorten(name))));
            if (a < params.size()
                    && params.get(a).distribution() instanceof CategoricalDistribution c) {
                for (int k = 0; k < c.size(); k++) {
                    b.append(
                            String.format(
                                    Locale.ROOT,
                                    "<text x=\"%d\" y=\"%.1f\">%s</text>",
                                    x + 3,
                                    y(position(c, k)),
                                    Html.escape(shorten(c.labels().get(k)))));
                }
            }
        }
        for (int i = 0; i < complete.size(); i++) {
            Trial t = complete.get(i);
            double shade = complete.size() == 1 ? 1 : (double) i / (complete.size() - 1);
            StringBuilder path = new StringBuilder();
            for (int a = 0; a <= params.size(); a++) {
                double u;
                if (a == params.size()) {
                    u = hi > lo ? (t.value() - lo) / (hi - lo) : 0.5;
                } else {
                    Double v = t.params().get(params.get(a).name());
                    if (v == null) {
                        continue;
                    }
                    u = unit(params.get(a).distribution(), v);
                }
                path.append(path.length() == 0 ? "M" : " L")
                        .append(String.format(Locale.ROOT, "%d %.1f", 40 + GAP * a, y(u)));
            }
            b.append(
                    String.format(
                            Locale.ROOT,
                            "<path d=\"%s\" fill=\"none\" stroke=\"rgb(%d,%d,"
                                    + "%d)\" stroke-opacity=\"%.2f\"/>",
                            path,
                            (int) (200 - 170 * shade),
                            (int) (210 - 150 * shade),
                            (int) (230 - 50 * shade),
                            0.35 + 0.6 * shade));
        }
        return b.append("</svg>").toString();
    }

    private static double y(double unit) {
        return TOP + H - unit * H;
    }

    private static double position(CategoricalDistribution c, int k) {
        return c.size() == 1 ? 0.5 : (double) k / (c.size() - 1);
    }

    /** Where an internal value sits on its axis, 0 at the bottom. */
    static double unit(Distribution d, double v) {
        if (d instanceof CategoricalDistribution c) {
            return position(c, (int) v);
        }
        double low;
        double high;
        boolean log;
        if (d instanceof FloatDistribution f) {
            low = f.low();
            high = f.high();
            log = f.log();
        } else {
            IntDistribution i = (IntDistribution) d;
            low = i.low();
            high = i.high();
            log = i.log();
        }
        return log
                ? (Math.log(v) - Math.log(low)) / (Math.log(high) - Math.log(low))
                : (v - low) / (high - low);
    }

    private static String shorten(String s) {
        return s.length() <= 20 ? s : s.substring(0, 19) + "…";
    }
}
