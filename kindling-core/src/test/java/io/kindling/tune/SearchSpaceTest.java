package io.kindling.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kindling.config.ConfigException;
import io.kindling.train.Experiment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {

    static SearchSpace parse(Map<String, Object> search) {
        return SearchSpace.parse(search, Experiment.KEYS);
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void conditionalArgumentsAreNamedByTheirOptionAndActiveOnlyUnderIt() {
        SearchSpace s =
                parse(
                        map(
                                "init",
                                "choice(options=[kaiming_normal,"
                                        + " orthogonal(gain=float(low=0.5, high=2)), lsuv(base=orthogonal)])",
                                "optimizer.lr",
                                "float(low=1e-3, high=0.3, log=true)"));
        assertEquals(
                List.of("init", "init.orthogonal.gain", "optimizer.lr"),
                s.params().stream().map(Param::name).toList());
        Param gain = s.param("init.orthogonal.gain");
        assertEquals("init", gain.parent());
        assertTrue(gain.activeIn(Map.of("init", 1.0)));
        assertTrue(!gain.activeIn(Map.of("init", 0.0)));
        Map<String, Object> config =
                s.configure(
                        map("optimizer", "sgd(lr=0.05, momentum=0.9)"),
                        Map.of(),
                        Map.of("init", 1.0, "init.orthogonal.gain", 1.25, "optimizer.lr", 0.01));
        assertEquals("orthogonal(gain=1.25)", config.get("init"));
        assertEquals("sgd(lr=0.01, momentum=0.9)", config.get("optimizer"));
        assertEquals(
                "lsuv(base=orthogonal)",
                s.configure(
                                Map.of("optimizer", "sgd"),
                                Map.of(),
                                Map.of("init", 2.0, "optimizer.lr", 0.01))
                        .get("init"));
    }

    @Test
    void anArgumentPathOnAKeyNotGivenStartsFromItsDefault() {
        SearchSpace s = parse(map("optimizer.momentum", "float(low=0, high=0.99, step=0.33)"));
        assertEquals(
                "sgd(lr=0.05, momentum=0.66)",
                s.configure(
                                Map.of(),
                                Map.of("optimizer", "sgd(lr=0.05, momentum=0.9)"),
                                Map.of("optimizer.momentum", 0.66))
                        .get("optimizer"));
    }

    @Test
    void aYamlListIsAChoiceAndIntsPrintWhole() {
        SearchSpace s =
                parse(
                        map(
                                "init",
                                List.of("xavier_normal", "orthogonal"),
                                "batch",
                                "int(low=32, high=256, log=true)"));
        Map<String, Object> c = s.configure(Map.of(), Map.of(), Map.of("init", 1.0, "batch", 64.0));
        assertEquals("orthogonal", c.get("init"));
        assertEquals("64", c.get("batch"));
    }

    @Test
    void badRangesNameTheParameterAndTheFix() {
        assertError(
                "empty or inverted range [1, 1]; give low < high",
                map("optimizer.lr", "float(low=1, high=1)"));
        assertError(
                "empty or inverted range [0.3, 0.001]; give low < high",
                map("optimizer.lr", "float(low=0.3, high=1e-3)"));
        assertError(
                "log scale needs low > 0, got low=0; make low positive",
                map("optimizer.lr", "float(low=0, high=0.3, log=true)"));
        assertError(
                "a choice needs at least two options", map("init", "choice(options=[he_normal])"));
        assertError(
                "Unknown key 'optimiser' in search entry 'optimiser.lr'; did you mean"
                        + " optimizer?",
                map("optimiser.lr", "float(low=0.1, high=1)"));
        assertError("searches nothing", map("init", "he_normal"));
        assertError("unknown argument 'hi' of float", map("optimizer.lr", "float(low=0.1, hi=1)"));
        assertError("does not divide", map("optimizer.lr", "float(low=0, high=1, step=0.3)"));
    }

    private static void assertError(String part, Map<String, Object> search) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(search));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void theDescriptionIsCanonicalSoAStudyCanRecogniseItsSpace() {
        SearchSpace a = parse(map("optimizer.lr", "float(low=0.001, high=0.3, log=true)"));
        SearchSpace b = parse(map("optimizer.lr", "float(low=1e-3, high=3e-1, log=true)"));
        assertEquals(a.describe(), b.describe());
        assertEquals("optimizer.lr: float(low=0.001, high=0.3, log=true)\n", a.describe());
    }
}
