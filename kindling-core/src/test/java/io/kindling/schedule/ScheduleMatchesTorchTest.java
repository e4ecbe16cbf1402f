package io.kindling.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden learning-rate trajectories from {@code torch.optim.lr_scheduler} (torch 1.13), made by
 * {@code tools/reference/schedule_reference.py}: the lr after {@code k} calls of {@code
 * scheduler.step()}, for every {@code k} from 0 to the end of the recorded run, must equal {@code
 * value(k, base)} to 1e-9 relative. The recorded values are those torch produces, i.e. its
 * recursive (chainable) forms where it uses them.
 */
class ScheduleMatchesTorchTest {

    static final double RTOL = 1e-9;

    static JsonNode reference() throws IOException {
        try (InputStream in =
                ScheduleMatchesTorchTest.class.getResourceAsStream("/reference/schedules.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static List<String> cases() throws IOException {
        List<String> exprs = new ArrayList<>();
        for (JsonNode c : reference().get("cases")) {
            exprs.add(c.get("expr").asText());
        }
        return exprs;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyStepMatchesTorch(String expr) throws IOException {
        JsonNode ref = reference();
        double base = ref.get("base").asDouble();
        Schedule s = Schedules.REGISTRY.parse(expr);
        for (JsonNode c : ref.get("cases")) {
            if (!c.get("expr").asText().equals(expr)) {
                continue;
            }
            JsonNode lr = c.get("lr");
            for (int k = 0; k < lr.size(); k++) {
                assertClose(
                        lr.get(k).asDouble(),
                        s.value(k, base),
                        expr + " (torch " + c.get("torch").asText() + ") at step " + k);
            }
            return;
        }
        fail("no case " + expr);
    }

    @Test
    void everyRegisteredNameHasTorchCases() throws IOException {
        Set<String> covered = new TreeSet<>();
        for (String expr : cases()) {
            covered.add(Schedules.REGISTRY.parse(expr).toExpr().name());
        }
        assertEquals(Schedules.REGISTRY.names(), covered);
    }

    @Test
    void referenceCoversRestartsMilestonesAndEnds() throws IOException {
        for (JsonNode c : reference().get("cases")) {
            assertTrue(c.get("lr").size() > 10, c.get("expr").asText());
        }
    }

    /** {@code |got − want| ≤ 1e-9·max(|want|, |got|)}; exact zeros must be exact. */
    static void assertClose(double want, double got, String what) {
        double tol = RTOL * Math.max(Math.abs(want), Math.abs(got));
        if (!(Math.abs(got - want) <= tol)) {
            fail(
                    what
                            + ": expected "
                            + want
                            + " but got "
                            + got
                            + " (relative error "
                            + Math.abs(got - want) / Math.abs(want)
                            + ")");
        }
    }
}
