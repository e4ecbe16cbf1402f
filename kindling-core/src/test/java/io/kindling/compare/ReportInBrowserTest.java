package io.kindling.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report renders in a real browser: headless Chromium (Debian's {@code chromium}, which
 * {@code .ci/run} installs) loads it with no console errors and every chart in the DOM.
 * Skipped where Chromium is not installed.
 */
class ReportInBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path tmp;

    @Test
    void rendersWithEveryChartAndNoConsoleErrors() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed");
        List<VariantResult> results = Comparison.run(List.of(
                ComparisonTest.variant("he", "kaiming_normal(nonlinearity=relu)", "sgd(lr=0.05)"),
                ComparisonTest.variant("tiny", "normal(std=0.01)", "sgd(lr=0.05)")), 1, tmp,
                new PrintStream(new ByteArrayOutputStream()));
        Path report = tmp.resolve("report.html");
        CompareReport.write(report, results, Map.of("seed", 0));
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + tmp.resolve("profile"),
                "--enable-logging=stderr", "--v=0", "--dump-dom", report.toUri().toString())
                .redirectOutput(tmp.resolve("dom.html").toFile())
                .redirectError(tmp.resolve("chromium.log").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium timed out");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("chromium.log")));
        String dom = Files.readString(tmp.resolve("dom.html"));
        long charts = dom.split("<svg", -1).length - 1;
        assertEquals(8, charts, "loss, accuracy, 4 depth charts and 2 histogram rows");
        for (String title : List.of("training loss", "test accuracy", "activation std by depth",
                "weight gradient norm by depth", "saturated fraction by depth",
                "dead fraction by depth")) {
            assertTrue(dom.contains(title), title);
        }
        String log = Files.readString(tmp.resolve("chromium.log"));
        assertFalse(log.lines().anyMatch(l -> l.contains("CONSOLE") || l.contains(
                "Uncaught")), "console messages:\n" + log);
    }
}
