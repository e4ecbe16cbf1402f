package io.kindling.cli;

import static io.kindling.cli.KindlingCliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleCommandTest {

    @TempDir Path tmp;

    @Test
    void writesTheLrUsedByEachUpdate() throws Exception {
        Path csv = tmp.resolve("lr.csv");
        var o =
                run(
                        "schedule",
                        "--schedule",
                        "step(step_size=2, gamma=0.5)",
                        "--lr",
                        "0.1",
                        "--steps",
                        "5",
                        "--out",
                        csv.toString(),
                        "--plot",
                        tmp.resolve("lr.png").toString());
        assertEquals(0, o.code(), o.err());
        assertEquals(
                List.of("step,lr", "0,0.1", "1,0.1", "2,0.05", "3,0.05", "4,0.025"),
                Files.readAllLines(csv));
        assertTrue(Files.size(tmp.resolve("lr.png")) > 1000);
    }

    @Test
    void badScheduleArgumentIsRefused() {
        var o =
                run(
                        "schedule",
                        "--schedule",
                        "step(step_size=0)",
                        "--steps",
                        "3",
                        "--out",
                        tmp.resolve("x.csv").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("step_size"), o.err());
    }
}
