package io.kindling.cli;

import static io.kindling.cli.KindlingCliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptimizeCommandTest {

    @TempDir Path tmp;

    @Test
    void writesOneCsvPerOptimizerAndAPlot() throws Exception {
        Path csv = tmp.resolve("paths.csv");
        Path png = tmp.resolve("paths.png");
        var o =
                run(
                        "optimize",
                        "--optimizer",
                        "sgd(lr=0.001, momentum=0.9)",
                        "--optimizer",
                        "sgd(lr=0.001)",
                        "--problem",
                        "rosenbrock",
                        "--start=-1.5,2",
                        "--steps",
                        "50",
                        "--out",
                        csv.toString(),
                        "--plot",
                        png.toString());
        assertEquals(0, o.code(), o.err());
        List<String> first = Files.readAllLines(tmp.resolve("paths-1.csv"));
        assertEquals("step,loss,x0,x1", first.get(0));
        assertEquals("0,12.5,-1.5,2.0", first.get(1));
        assertEquals(52, first.size());
        assertTrue(Files.exists(tmp.resolve("paths-2.csv")));
        assertTrue(Files.size(png) > 1000);
    }

    @Test
    void badProblemAndStartAreRefused() {
        var o =
                run(
                        "optimize",
                        "--optimizer",
                        "sgd(lr=0.1)",
                        "--problem",
                        "rosenbrok",
                        "--out",
                        tmp.resolve("x.csv").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("rosenbrok") && o.err().contains("rosenbrock"), o.err());
        o =
                run(
                        "optimize",
                        "--optimizer",
                        "sgd(lr=0.1)",
                        "--start=1,a",
                        "--out",
                        tmp.resolve("x.csv").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("1,a"), o.err());
    }
}
