package io.kindling.compare;

import io.kindling.diagnose.LayerStats;
import io.kindling.report.Html;
import io.kindling.report.SvgChart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * {@code report.html}: one self-contained page (inline SVG, no scripts, no network) with the
 * loss curves, test accuracy with error bars, activation std, gradient norm, saturation and
 * dead fractions against depth at initialization, each variant's verdict and advice, and the
 * resolved configuration and provenance.
 */
public final class CompareReport {

    private CompareReport() {}

    /** The page. */
    public static String html(List<VariantResult> results, Map<String, Object> provenance) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                + "<title>Kindling comparison</title><style>body{font-family:sans-serif;"
                + "margin:24px;max-width:1200px}svg{margin:6px;border:1px solid #eee}"
                + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;"
                + "font-size:13px}pre{background:#f6f6f6;padding:8px;font-size:12px}"
                + ".v-healthy{color:#2ca02c}.v-vanishing,.v-exploding,.v-saturated,.v-dying"
                + "{color:#d62728}</style></head><body><h1>Kindling comparison</h1>");
        b.append("<table><tr><th>variant</th><th>init</th><th>final train loss</th>"
                + "<th>test accuracy</th><th>diverged</th><th>verdict at init</th></tr>");
        for (VariantResult r : results) {
            b.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%.4f</td>"
                    + "<td>%.4f ± %.4f</td><td>%s</td><td class=\"v-%s\">%s</td></tr>",
                    Html.escape(r.label()), Html.escape(String.valueOf(r.config().get("init"))),
                    r.finalTrainLoss(), r.testAccuracy(), r.testAccuracyStd(), r.diverged(),
                    r.verdict().kind(), r.verdict().kind()));
        }
        b.append("</table><h2>Training</h2>");
        Map<String, double[][]> loss = new LinkedHashMap<>();
        results.forEach(r -> loss.put(r.label(), r.lossCurve().toArray(double[][]::new)));
        b.append(SvgChart.lines("training loss (mean over seeds)", "step", false, loss));
        b.append(SvgChart.bars("test accuracy (± std over seeds)",
                results.stream().map(VariantResult::label).toList(),
                results.stream().mapToDouble(VariantResult::testAccuracy).toArray(),
                results.stream().mapToDouble(r -> Double.isFinite(r.testAccuracyStd())
                        ? r.testAccuracyStd() : 0).toArray()));
        b.append("<h2>At initialization</h2>");
        b.append(depth(results, "activation std by depth (log)", true, LayerStats::postStd));
        b.append(depth(results, "weight gradient norm by depth (log)", true,
                LayerStats::gradientNorm));
        b.append(depth(results, "saturated fraction by depth", false,
                LayerStats::saturatedFraction));
        b.append(depth(results, "dead fraction by depth", false, LayerStats::deadFraction));
        b.append("<h2>Verdicts</h2>");
        for (VariantResult r : results) {
            b.append("<h3>").append(Html.escape(r.label())).append(": <span class=\"v-")
                    .append(r.verdict().kind()).append("\">").append(r.verdict().kind())
                    .append("</span></h3><ul>");
            r.verdict().evidence().forEach(e -> b.append("<li>").append(Html.escape(e))
                    .append("</li>"));
            r.verdict().advice().forEach(a -> b.append("<li><b>advice:</b> ")
                    .append(Html.escape(a)).append("</li>"));
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

    private static String depth(List<VariantResult> results, String title, boolean log,
            ToDoubleFunction<LayerStats> metric) {
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (VariantResult r : results) {
            series.put(r.label(), r.initLayers().stream()
                    .map(l -> new double[] {l.index(), metric.applyAsDouble(l)})
                    .toArray(double[][]::new));
        }
        return SvgChart.lines(title, "layer", log, series);
    }

    /** Writes the page atomically. */
    public static void write(Path file, List<VariantResult> results,
            Map<String, Object> provenance) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, html(results, provenance), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
