package io.kindling.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report renders in a real browser: headless Chromium (Debian's {@code chromium}, which {@code
 * .ci/run} installs) loads it with no console errors and every chart in the DOM; at a usual and at
 * narrow window widths the page never scrolls sideways, no legend covers a plot, no label falls
 * outside its chart and neighbouring tick labels do not collide; every axis shows nice ticks (1-2-5
 * steps, whole numbers on step and layer axes, 1-2-5 multiples of decades on log axes). Skipped
 * where Chromium is not installed.
 */
class ReportInBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    /**
     * Measures the laid-out page and writes the results as attributes of the root element, which
     * {@code --dump-dom} then shows. Added only to a copy of the report: the report itself has no
     * scripts.
     */
    static final String MEASURE =
            """
            <script>(function () {
              var d = document.documentElement, problems = [];
              function overlap(a, b) {
                return a.x < b.x + b.width && b.x < a.x + a.width
                    && a.y < b.y + b.height && b.y < a.y + a.height;
              }
              document.querySelectorAll('svg').forEach(function (svg, i) {
                var name = i + ' (' + (svg.querySelector('text') || {}).textContent + ')';
                var plot = svg.querySelector('rect.plot');
                var legend = svg.querySelector('g.legend');
                if (plot && legend && overlap(plot.getBBox(), legend.getBBox())) {
                  problems.push('legend over the plot in chart ' + name);
                }
                var vb = svg.viewBox.baseVal;
                if (!vb || vb.width === 0) {
                  problems.push('no viewBox in chart ' + name);
                }
                svg.querySelectorAll('text').forEach(function (t) {
                  var b = t.getBBox();
                  if (b.x < -0.5 || b.y < -0.5 || b.x + b.width > vb.width + 0.5
                      || b.y + b.height > vb.height + 0.5) {
                    problems.push('label outside chart ' + name + ': ' + t.textContent);
                  }
                });
                svg.querySelectorAll('g.x-ticks, g.y-ticks').forEach(function (g) {
                  var ts = g.querySelectorAll('text');
                  for (var k = 1; k < ts.length; k++) {
                    if (overlap(ts[k - 1].getBBox(), ts[k].getBBox())) {
                      problems.push('tick labels collide in chart ' + name + ': '
                          + ts[k - 1].textContent + ', ' + ts[k].textContent);
                    }
                  }
                });
                if (svg.getBoundingClientRect().right > d.clientWidth + 0.5) {
                  problems.push('chart ' + name + ' wider than the page');
                }
              });
              d.setAttribute('data-scroll-width', d.scrollWidth);
              d.setAttribute('data-client-width', d.clientWidth);
              d.setAttribute('data-inner-width', window.innerWidth);
              d.setAttribute('data-problems', problems.join(' | ')
                  .replace(/[^A-Za-z0-9 ().,:|_-]/g, '_'));
            })();</script>""";

    /** One report, written once for every test (training the two variants takes a while). */
    @TempDir static Path tmp;

    static Path report;

    @BeforeAll
    static void writeReport() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed");
        List<VariantResult> results =
                Comparison.run(
                        List.of(
                                ComparisonTest.variant(
                                        "he", "kaiming_normal(nonlinearity=relu)", "sgd(lr=0.05)"),
                                ComparisonTest.variant("tiny", "normal(std=0.01)", "sgd(lr=0.05)")),
                        1,
                        tmp,
                        new PrintStream(new ByteArrayOutputStream()));
        report = tmp.resolve("report.html");
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("seed", 0);
        // long provenance lines, with and without spaces, must wrap rather than widen the page
        provenance.put(
                "command", "kindling compare " + "--init kaiming_normal(mode=fan_out) ".repeat(12));
        provenance.put("classpath", "/very/long/path/without/any/spaces/".repeat(20));
        CompareReport.write(report, results, provenance);
    }

    @Test
    void rendersWithEveryChartAndNoConsoleErrors() throws Exception {
        String dom = chromium(report, 1024, "plain");
        int charts = dom.split("<svg", -1).length - 1;
        assertEquals(8, charts, "loss, accuracy, 4 depth charts and 2 histogram rows");
        for (String title :
                List.of(
                        "training loss",
                        "test accuracy",
                        "activation std by depth",
                        "weight gradient norm by depth",
                        "saturated fraction by depth",
                        "dead fraction by depth")) {
            assertTrue(dom.contains(title), title);
        }
        String log = Files.readString(tmp.resolve("plain-1024.log"));
        assertFalse(
                log.lines().anyMatch(l -> l.contains("CONSOLE") || l.contains("Uncaught")),
                "console messages:\n" + log);
    }

    @Test
    void thePageNeverScrollsSidewaysAndNoLegendCoversAPlot() throws Exception {
        Path measured = tmp.resolve("report-measured.html");
        Files.writeString(
                measured, Files.readString(report).replace("</body>", MEASURE + "</body>"));
        for (int width : new int[] {1024, 800, 600}) {
            String dom = chromium(measured, width, "measured");
            int scroll = Integer.parseInt(attribute(dom, "data-scroll-width"));
            int client = Integer.parseInt(attribute(dom, "data-client-width"));
            int inner = Integer.parseInt(attribute(dom, "data-inner-width"));
            assertEquals(width, inner, "the window is " + width + " px wide");
            assertTrue(
                    scroll <= client,
                    "at "
                            + width
                            + " px the page is "
                            + scroll
                            + " px wide but shows "
                            + client
                            + " px");
            assertEquals("", attribute(dom, "data-problems"), "at " + width + " px");
        }
    }

    @Test
    void everyAxisShowsNiceTicks() throws Exception {
        String svg = Files.readString(report);
        Matcher g =
                Pattern.compile(
                                "<g class=\"([xy])-ticks\" data-scale=\"(\\w+)\"[^>]*>(.*?)"
                                        + "</g>")
                        .matcher(svg);
        Map<String, Integer> seen = new LinkedHashMap<>();
        while (g.find()) {
            String axis = g.group(1) + " " + g.group(2);
            seen.merge(axis, 1, Integer::sum);
            List<String> labels = new ArrayList<>();
            Matcher t = Pattern.compile("<text[^>]*>([^<]*)</text>").matcher(g.group(3));
            while (t.find()) {
                labels.add(t.group(1));
            }
            assertTrue(labels.size() >= 2 && labels.size() <= 12, axis + " " + labels);
            double[] v = labels.stream().mapToDouble(Double::parseDouble).toArray();
            if (g.group(2).equals("log") && !equallySpaced(v)) {
                for (double x : v) {
                    assertTrue(oneTwoFive(x), axis + ": " + x + " in " + labels);
                }
            } else {
                assertTrue(
                        equallySpaced(v) && oneTwoFive(v[1] - v[0]),
                        axis + " not in equal 1-2-5 steps: " + labels);
                if (g.group(2).equals("integer")) {
                    labels.forEach(l -> assertTrue(l.matches("-?\\d+"), axis + ": " + labels));
                }
            }
        }
        assertEquals(
                Map.of("x integer", 5, "y linear", 4, "y log", 2),
                seen,
                "steps and layers on whole-number axes, two log axes");
    }

    /** Whether the values rise in equal steps (to rounding). */
    static boolean equallySpaced(double[] v) {
        if (v.length < 2 || !(v[1] > v[0])) {
            return false;
        }
        double step = v[1] - v[0];
        for (int i = 2; i < v.length; i++) {
            if (Math.abs(v[i] - v[i - 1] - step) > step * 1e-6) {
                return false;
            }
        }
        return true;
    }

    /** Whether |v| is 1, 2 or 5 times a power of ten. */
    static boolean oneTwoFive(double v) {
        double a = Math.abs(v);
        double m = a / Math.pow(10, Math.floor(Math.log10(a) + 1e-9));
        return Math.abs(m - 1) < 1e-6 || Math.abs(m - 2) < 1e-6 || Math.abs(m - 5) < 1e-6;
    }

    private static String attribute(String dom, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(dom);
        assertTrue(m.find(), name + " missing: the measuring script did not run");
        return m.group(1);
    }

    /** Loads the page in headless Chromium at the given window width; returns the DOM. */
    private String chromium(Path page, int width, String name) throws Exception {
        String run = name + "-" + width;
        Process p =
                new ProcessBuilder(
                                CHROMIUM.toString(),
                                "--headless",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-quic",
                                "--no-first-run",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync",
                                "--user-data-dir=" + tmp.resolve("profile-" + run),
                                "--window-size=" + width + ",900",
                                "--enable-logging=stderr",
                                "--v=0",
                                "--dump-dom",
                                page.toUri().toString())
                        .redirectOutput(tmp.resolve(run + ".html").toFile())
                        .redirectError(tmp.resolve(run + ".log").toFile())
                        .start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium timed out");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve(run + ".log")));
        return Files.readString(tmp.resolve(run + ".html"));
    }
}
