package io.kindling.tune;

import io.kindling.report.Html;
import io.kindling.report.SvgChart;
import io.kindling.report.Ticks.Scale;
import io.kindling.runfolder.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html} of a study, one self-contained page of inline SVG: the optimization history
 * (each trial's value and the best so far), the intermediate values of every trial (pruned ones
 * marked), a parallel-coordinates plot, parameter importance (PED-ANOVA, see {@link Importance})
 * the top trials with their run folders, and every failed trial with why it failed.
 */
public final class TuneReport {

    private static final int TOP = 10;

    private TuneReport() {}

    /** Writes the report of {@code study}; {@code title} names the study. */
    public static void write(Path file, Study study, String title, String sampler, String pruner) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
                .append(Html.escape(title))
                .append(
                        "</title><style>body{font-family:sans-serif;"
                                + "max-width:1180px;margin:1em auto;padding:0 1em}svg{max-width:100%;height:auto}"
                                + "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;"
                                + "padding:2px 6px;text-align:left}.charts{display:flex;flex-wrap:wrap;gap:8px}"
                                + "</style></head><body>");
        long complete = study.in(TrialState.COMPLETE).size();
        b.append("<h1>")
                .append(Html.escape(title))
                .append("</h1><p>")
                .append(study.trials().size())
                .append(" trials: ")
                .append(complete)
                .append(" complete, ")
                .append(study.in(TrialState.PRUNED).size())
                .append(" pruned, ")
                .append(study.in(TrialState.FAIL).size())
                .append(" failed. Sampler <code>")
                .append(Html.escape(sampler))
                .append("</code>, pruner <code>")
                .append(Html.escape(pruner))
                .append("</code>, ")
                .append(study.direction().name().toLowerCase(Locale.ROOT))
                .append(".</p><div class=\"charts\">");
        b.append(history(study));
        b.append(intermediate(study));
        b.append(importance(study));
        b.append("</div><h2>Parallel coordinates</h2>").append(ParallelCoordinates.svg(study));
        b.append(top(study));
        b.append(failed(study));
        b.append("</body></html>\n");
        try {
            AtomicFile.write(file, b.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String history(Study study) {
        List<double[]> values = new ArrayList<>();
        List<double[]> best = new ArrayList<>();
        Double running = null;
        for (Trial t : study.trials()) {
            if (t.state() == TrialState.COMPLETE) {
                values.add(new double[] {t.number(), t.value()});
                if (running == null || study.direction().better(t.value(), running)) {
                    running = t.value();
                }
            }
            if (running != null) {
                best.add(new double[] {t.number(), running});
            }
        }
        if (values.isEmpty()) {
            return "";
        }
        Map<String, double[][]> series = new LinkedHashMap<>();
        series.put("trial value", values.toArray(new double[0][]));
        series.put("best so far", best.toArray(new double[0][]));
        return SvgChart.lines("optimization history", "trial", Scale.INTEGER, Scale.LINEAR, series);
    }

    private static String intermediate(Study study) {
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (Trial t : study.trials()) {
            if (t.intermediate().size() < 1) {
                continue;
            }
            double[][] pts =
                    t.intermediate().entrySet().stream()
                            .filter(e -> e.getValue() != null && Double.isFinite(e.getValue()))
                            .map(e -> new double[] {e.getKey(), e.getValue()})
                            .toArray(double[][]::new);
            series.put("#" + t.number() + (t.state() == TrialState.PRUNED ? " pruned" : ""), pts);
        }
        if (series.isEmpty()) {
            return "";
        }
        return SvgChart.lines(
                "intermediate values (pruned trials marked)",
                "step",
                Scale.INTEGER,
                Scale.LINEAR,
                series);
    }

    private static String importance(Study study) {
        Map<String, Double> imp = Importance.of(study);
        if (imp.isEmpty()) {
            return "";
        }
        List<String> labels = new ArrayList<>(imp.keySet());
        double[] v = imp.values().stream().mapToDouble(Double::doubleValue).toArray();
        double[] nan = new double[v.length];
        java.util.Arrays.fill(nan, Double.NaN);
        return SvgChart.bars(
                "parameter importance (PED-ANOVA, top 10% vs all)", labels, v, nan, nan);
    }

    private static String top(Study study) {
        List<Trial> complete = new ArrayList<>(study.in(TrialState.COMPLETE));
        complete.sort(Comparator.comparingDouble(t -> study.direction().loss(t.value())));
        StringBuilder b =
                new StringBuilder(
                        "<h2>Top trials</h2><table><tr><th>#</th>"
                                + "<th>value</th><th>duration (s)</th>");
        for (Param p : study.space().params()) {
            b.append("<th>").append(Html.escape(p.name())).append("</th>");
        }
        b.append("<th>run folder</th></tr>");
        for (Trial t : complete.subList(0, Math.min(TOP, complete.size()))) {
            b.append("<tr><td>")
                    .append(t.number())
                    .append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.6g", t.value()))
                    .append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f", t.durationSeconds()))
                    .append("</td>");
            for (Param p : study.space().params()) {
                Double v = t.params().get(p.name());
                b.append("<td>")
                        .append(v == null ? "" : Html.escape(p.distribution().display(v)))
                        .append("</td>");
            }
            String dir = t.runDir() == null ? "" : t.runDir();
            b.append("<td>")
                    .append(
                            dir.isEmpty()
                                    ? ""
                                    : "<a href=\""
                                            + Html.escape(Path.of(dir).getFileName().toString())
                                            + "/\">"
                                            + Html.escape(dir)
                                            + "</a>")
                    .append("</td></tr>");
        }
        return b.append("</table>").toString();
    }

    /** The failed trials with their reasons (a dead process's trial says which process). */
    private static String failed(Study study) {
        List<Trial> failed = study.in(TrialState.FAIL);
        if (failed.isEmpty()) {
            return "";
        }
        StringBuilder b =
                new StringBuilder(
                        "<h2>Failed trials</h2><table><tr><th>#</th><th>why</th>"
                                + "<th>run folder</th></tr>");
        for (Trial t : failed) {
            b.append("<tr><td>")
                    .append(t.number())
                    .append("</td><td>")
                    .append(Html.escape(t.failure() == null ? "unknown" : t.failure()))
                    .append("</td><td>")
                    .append(t.runDir() == null ? "" : Html.escape(t.runDir()))
                    .append("</td></tr>");
        }
        return b.append("</table>").toString();
    }
}
