package io.kindling.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.kindling.engine.check.EngineFacts;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Says which of oneDNN's kernel families the reference tests of this test run exercised, and which
 * this CPU cannot: the build runs the tests that compare against PyTorch at the machine's own ISA
 * and again with {@code DNNL_MAX_CPU_ISA=AVX2} and {@code AVX512_CORE} (kindling-core/pom.xml). A
 * cap above what the CPU has changes nothing, so on a CPU without AVX-512 the AVX-512 paths — where
 * libtorch 2.7.1's LSTM inference kernel is wrong on some CPUs — go untested here; the test is then
 * reported as skipped with that sentence, so the gap is in the build's output.
 */
class IsaPathsTest {

    @Test
    void theReferenceTestsRanOnTheKernelsOfThisIsa() {
        Compute.start(Compute.Threads.defaults());
        EngineFacts facts = EngineFacts.here();
        String line =
                "ISA paths: " + facts.describeIsa() + "; kernels exercised: " + facts.isaInEffect();
        System.out.println(line);
        assertFalse(facts.isaInEffect().isBlank(), line);
        String cap =
                facts.cap().isEmpty() ? "" : facts.cap().substring(facts.cap().indexOf('=') + 1);
        boolean wantsAvx512 = cap.isEmpty() || cap.toLowerCase(Locale.ROOT).startsWith("avx512");
        Assumptions.assumeTrue(
                facts.avx512() || !wantsAvx512,
                "this CPU has no AVX-512 ("
                        + facts.describeIsa()
                        + "): oneDNN's AVX-512 kernels were not exercised by this run; the"
                        + " reference tests ran on "
                        + facts.isaInEffect()
                        + " only. Run ./mvnw -B test on an AVX-512 machine to cover them.");
    }
}
