package io.kindling.compare;

import io.kindling.diagnose.LayerStats;
import io.kindling.report.Html;
import io.kindling.report.SvgChart;
import io.kindling.report.Ticks.Scale;
import io.kindling.runfolder.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * {@code report.html}: one self-contained page (inline SVG, no scripts, no network) with the loss
 * curves, test accuracy with error bars, activation std, gradient norm, saturation and dead
 * fractions against depth at initialization, each variant's verdict and advice, and the resolved
 * configuration and provenance.
 */
public final class CompareReport {

    private CompareReport() {}

    /** The page. */
    public static String html(List<VariantResult> results, Map<String, Object> provenance) {
        return html(results, provenance, new LinkedHashMap<>());
    }

    /**
     * The page, also collecting each chart's SVG by file name for {@code plots/}.
     *
     * @param results the variants
     * @param provenance where the comparison came from
     * @param charts filled with name → SVG
     * @return the page
     */
    static String html(
            List<VariantResult> results,
            Map<String, Object> provenance,
            Map<String, String> charts) {
        // Nothing may force sideways scrolling: long words and config lines wrap, charts scale
        // down to the page width (they carry a viewBox), tables shrink by wrapping their cells.
        StringBuilder b =
                new StringBuilder(
                        "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                                + "<title>Kindling comparison</title><style>*{box-sizing:border-box}"
                                + "body{font-family:sans-serif;margin:24px;max-width:1200px;"
                                + "overflow-wrap:anywhere}"
                                + ".charts{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start;"
                                + "margin:6px 0}"
                                + "svg{display:block;max-width:100%;min-width:0;height:auto;"
                                + "border:1px solid #eee}"
                                + "table{border-collapse:collapse;max-width:100%}"
                                + "td,th{border:1px solid #ccc;padding:4px 8px;font-size:13px;"
                                + "overflow-wrap:anywhere}th{overflow-wrap:normal}td.n{white-space:nowrap}"
                                + "td:first-child{min-width:10em}"
                                + "pre{background:#f6f6f6;padding:8px;font-size:12px;white-space:pre-wrap;"
                                + "overflow-wrap:anywhere;max-width:100%}"
                                + ".v-healthy{color:#2ca02c}.v-vanishing,.v-exploding,.v-saturated,.v-dying"
                                + "{color:#d62728}</style></head><body><h1>Kindling comparison</h1>");
        boolean seeds = results.stream().anyMatch(r -> r.runs().size() > 1);
        String score =
                results.isEmpty() ? "test accuracy" : results.get(0).score().replace('_', ' ');
        b.append(
                "<table><tr><th>variant</th><th>init</th><th>final train loss</th>"
                        + "<th>"
                        + score
                        + (seeds ? " mean [min, max]" : "")
                        + "</th>"
                        + "<th>diverged</th><th>verdict at init</th></tr>");
        for (VariantResult r : results) {
            String accuracy =
                    r.runs().size() > 1
                            ? String.format(
                                    Locale.ROOT,
                                    "%.4f [%.4f, %.4f]",
                                    r.testAccuracy(),
                                    r.testAccuracyMin(),
                                    r.testAccuracyMax())
                            : String.format(Locale.ROOT, "%.4f", r.testAccuracy());
            b.append(
                    String.format(
                            Locale.ROOT,
                            "<tr><td>%s</td><td>%s</td><td class=\"n\">%.4f"
                                    + "</td><td class=\"n\">%s</td><td class=\"n\">%s</td>"
                                    + "<td class=\"n v-%s\">%s</td></tr>",
                            Html.escape(r.label()),
                            Html.escape(String.valueOf(r.config().get("init"))),
                            r.finalTrainLoss(),
                            accuracy,
                            r.diverged(),
                            r.verdict().kind(),
                            r.verdict().kind()));
        }
        b.append("</table><h2>Training</h2><div class=\"charts\">");
        Map<String, double[][]> loss = new LinkedHashMap<>();
        Map<String, double[][]> bands = new LinkedHashMap<>();
        results.forEach(r -> loss.put(r.label(), r.lossCurve().toArray(double[][]::new)));
        results.forEach(r -> bands.put(r.label(), r.lossBand().toArray(double[][]::new)));
        b.append(
                chart(
                        charts,
                        "loss-curves",
                        SvgChart.lines(
                                "training loss (mean over seeds," + " band = min to max)",
                                "step",
                                Scale.INTEGER,
                                Scale.LINEAR,
                                loss,
                                bands)));
        b.append(
                chart(
                        charts,
                        "test-accuracy",
                        SvgChart.bars(
                                score + " (mean; whisker =" + " min to max over seeds)",
                                results.stream().map(VariantResult::label).toList(),
                                results.stream().mapToDouble(VariantResult::testAccuracy).toArray(),
                                results.stream()
                                        .mapToDouble(VariantResult::testAccuracyMin)
                                        .toArray(),
                                results.stream()
                                        .mapToDouble(VariantResult::testAccuracyMax)
                                        .toArray())));
        b.append("</div><h2>At initialization</h2><div class=\"charts\">");
        b.append(
                chart(
                        charts,
                        "activation-std-by-depth",
                        depth(
                                results,
                                "activation std by depth (log)",
                                true,
                                LayerStats::postStd)));
        b.append(
                chart(
                        charts,
                        "gradient-norm-by-depth",
                        depth(
                                results,
                                "weight gradient norm by depth (log)",
                                true,
                                LayerStats::gradientNorm)));
        b.append(
                chart(
                        charts,
                        "saturated-by-depth",
                        depth(
                                results,
                                "saturated fraction by depth",
                                false,
                                LayerStats::saturatedFraction)));
        b.append(
                chart(
                        charts,
                        "dead-by-depth",
                        depth(results, "dead fraction by depth", false, LayerStats::deadFraction)));
        if (results.stream().anyMatch(r -> !r.initBlocks().isEmpty())) {
            b.append(chart(charts, "residual-variance-by-block", residual(results)));
        }
        b.append(
                "</div><h3>Activation histograms at initialization (post-activation)</h3>"
                        + "<div class=\"charts\">");
        for (int i = 0; i < results.size(); i++) {
            VariantResult r = results.get(i);
            b.append(
                    chart(
                            charts,
                            "histograms-" + (i + 1),
                            SvgChart.histograms(
                                    r.label(),
                                    panels(r.initLayers()),
                                    SvgChart.COLORS.get(i % SvgChart.COLORS.size()))));
        }
        b.append("</div><h2>Verdicts</h2>");
        for (VariantResult r : results) {
            b.append("<h3>")
                    .append(Html.escape(r.label()))
                    .append(": <span class=\"v-")
                    .append(r.verdict().kind())
                    .append("\">")
                    .append(r.verdict().kind())
                    .append("</span></h3><ul>");
            r.verdict()
                    .evidence()
                    .forEach(e -> b.append("<li>").append(Html.escape(e)).append("</li>"));
            r.verdict()
                    .advice()
                    .forEach(
                            a ->
                                    b.append("<li><b>advice:</b> ")
                                            .append(Html.escape(a))
                                            .append("</li>"));
            if (r.failure() != null) {
                b.append("<li><b>failed:</b> ").append(Html.escape(r.failure())).append("</li>");
            }
            b.append("</ul>");
        }
        b.append("<h2>Configuration and provenance</h2>");
        for (VariantResult r : results) {
            b.append("<h3>").append(Html.escape(r.label())).append("</h3><pre>");
            r.config().forEach((k, v) -> b.append(Html.escape(k + ": " + v)).append('\n'));
            b.append("</pre>");
        }
        b.append("<pre>");
        provenance.forEach((k, v) -> b.append(Html.escape(k + ": " + v)).append('\n'));
        return b.append("</pre></body></html>").toString();
    }

    private static String chart(Map<String, String> charts, String name, String svg) {
        charts.put(name + ".svg", svg);
        return svg;
    }

    /** Up to six layers spread over the depth: first, quarters and the last hidden one. */
    private static Map<String, double[]> panels(List<LayerStats> layers) {
        Map<String, double[]> panels = new LinkedHashMap<>();
        int n = layers.size();
        TreeSet<Integer> picks = new TreeSet<>();
        for (int k = 0; k <= 4; k++) {
            picks.add(Math.min(n - 1, (int) Math.round(k * (n - 2) / 4.0)));
        }
        picks.add(n - 1);
        for (int i : picks) {
            LayerStats l = layers.get(i);
            LayerStats.Histogram h = l.histogram();
            double[] row = new double[h.counts().length + 2];
            row[0] = h.min();
            row[1] = h.max();
            for (int b = 0; b < h.counts().length; b++) {
                row[b + 2] = h.counts()[b];
            }
            panels.put(l.layer(), row);
        }
        return panels;
    }

    private static String depth(
            List<VariantResult> results,
            String title,
            boolean log,
            ToDoubleFunction<LayerStats> metric) {
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (VariantResult r : results) {
            series.put(
                    r.label(),
                    r.initLayers().stream()
                            .map(l -> new double[] {l.index(), metric.applyAsDouble(l)})
                            .toArray(double[][]::new));
        }
        return SvgChart.lines(
                title, "layer", Scale.INTEGER, log ? Scale.LOG : Scale.LINEAR, series);
    }

    /**
     * The residual stream's variance after each block (log scale): it doubles per block under plain
     * He init without normalization, and stays flat when each branch starts at zero. A non-finite
     * variance ends its line.
     */
    private static String residual(List<VariantResult> results) {
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (VariantResult r : results) {
            series.put(
                    r.label(),
                    r.initBlocks().stream()
                            .filter(
                                    bs ->
                                            Double.isFinite(bs.streamVariance())
                                                    && bs.streamVariance() > 0)
                            .map(bs -> new double[] {bs.index(), bs.streamVariance()})
                            .toArray(double[][]::new));
        }
        return SvgChart.lines(
                "residual stream variance by block (log)",
                "block",
                Scale.INTEGER,
                Scale.LOG,
                series);
    }

    /** Writes the page atomically, and each chart as an SVG file in {@code plots/} beside it. */
    public static void write(Path file, List<VariantResult> results, Map<String, Object> provenance)
            throws IOException {
        Map<String, String> charts = new LinkedHashMap<>();
        String page = html(results, provenance, charts);
        Path plots = file.resolveSibling("plots");
        Files.createDirectories(plots);
        for (Map.Entry<String, String> c : charts.entrySet()) {
            AtomicFile.write(plots.resolve(c.getKey()), c.getValue());
        }
        AtomicFile.write(file, page);
    }
}
