package io.kindling.engine.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ISA is named as oneDNN names it, from cpuinfo flags, and a cap lowers it. */
class EngineFactsTest {

    private static final Set<String> CORE =
            Set.of("avx2", "avx512f", "avx512bw", "avx512vl", "avx512dq");

    private static Set<String> with(Set<String> base, String... more) {
        Set<String> s = new java.util.HashSet<>(base);
        s.addAll(List.of(more));
        return s;
    }

    @Test
    void isaFollowsOneDnnsRules() {
        assertEquals("sse41", EngineFacts.isa(Set.of("sse4_1")));
        assertEquals("avx2", EngineFacts.isa(Set.of("avx", "avx2", "avx512f")));
        assertEquals("avx512_core", EngineFacts.isa(CORE));
        assertEquals("avx512_core_vnni", EngineFacts.isa(with(CORE, "avx512_vnni")));
        assertEquals("avx512_core_bf16", EngineFacts.isa(with(CORE, "avx512_vnni", "avx512_bf16")));
        assertEquals(
                "avx512_core_amx",
                EngineFacts.isa(
                        with(
                                CORE,
                                "avx512_vnni",
                                "avx512_bf16",
                                "amx_tile",
                                "amx_bf16",
                                "amx_int8")));
    }

    @Test
    void flagsAndModelAreReadFromCpuinfo() {
        String cpuinfo =
                "processor\t: 0\nmodel name\t: AMD EPYC 9654\nflags\t\t: fpu avx2 avx512f"
                        + " avx512_vp2intersect\n\nprocessor\t: 1\nflags\t\t: fpu\n";
        assertEquals(
                Set.of("fpu", "avx2", "avx512f", "avx512_vp2intersect"),
                EngineFacts.flags(cpuinfo));
    }

    @Test
    void aCapBelowTheCpuIsWhatRuns() {
        EngineFacts f = facts("avx512_core_bf16", "DNNL_MAX_CPU_ISA=AVX2");
        assertEquals("avx2", f.isaInEffect());
        assertTrue(f.describeIsa().contains("capped by DNNL_MAX_CPU_ISA=AVX2"), f.describeIsa());
        assertEquals("avx2", facts("avx2", "DNNL_MAX_CPU_ISA=AVX512_CORE").isaInEffect());
        assertEquals("avx512_core", facts("avx512_core", "").isaInEffect());
        assertEquals("ONEDNN_MAX_CPU_ISA=AVX2", EngineFacts.cap("AVX2", "AVX512_CORE"));
        assertEquals("DNNL_MAX_CPU_ISA=AVX2", EngineFacts.cap(null, " AVX2 "));
        assertEquals("", EngineFacts.cap("", null));
    }

    @Test
    void theAdviceDependsOnTheCapInEffect() {
        assertTrue(
                EngineMismatchException.advice(facts("avx512_core", ""))
                        .startsWith("Workaround: run with DNNL_MAX_CPU_ISA=AVX2"));
        assertTrue(
                EngineMismatchException.advice(facts("avx512_core", "DNNL_MAX_CPU_ISA=AVX512_CORE"))
                        .contains("instead of DNNL_MAX_CPU_ISA=AVX512_CORE"));
        assertTrue(
                EngineMismatchException.advice(facts("avx512_core", "DNNL_MAX_CPU_ISA=AVX2"))
                        .contains("does not help here"));
    }

    private static EngineFacts facts(String isa, String cap) {
        return new EngineFacts("PyTorch", "2.7.1", "0.35.1", "cpu", isa, List.of(), cap, 1, 1);
    }
}
