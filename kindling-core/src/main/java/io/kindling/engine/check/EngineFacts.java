package io.kindling.engine.check;

import io.kindling.engine.Compute;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What decides which kernels libtorch runs here: the engine and its versions, the CPU's instruction
 * set as oneDNN sees it, an ISA cap from the environment, and the thread counts. A mismatch report
 * without these is not actionable: the same libtorch computes right on one CPU and wrong on
 * another.
 *
 * <p>The ISA is derived from {@code /proc/cpuinfo}'s flags with oneDNN's names and rules ({@code
 * avx512_core} = AVX-512 F + BW + VL + DQ, then {@code _vnni}, {@code _bf16}, {@code _fp16}, {@code
 * _amx}); oneDNN itself is not asked, since DJL exposes no call for it. oneDNN reads a cap from
 * {@code ONEDNN_MAX_CPU_ISA} or {@code DNNL_MAX_CPU_ISA} when it starts.
 *
 * @param engine the engine's name
 * @param torch the libtorch version
 * @param djl the DJL version
 * @param cpu the CPU's model name, or {@code unknown}
 * @param isa oneDNN's ISA for this CPU, e.g. {@code avx512_core_vnni}, or {@code unknown}
 * @param features the vector features present that matter to oneDNN's kernel choice
 * @param cap the cap set in the environment, e.g. {@code DNNL_MAX_CPU_ISA=AVX2}, or empty
 * @param intraOp libtorch's intra-op threads
 * @param interOp libtorch's inter-op threads
 */
public record EngineFacts(
        String engine,
        String torch,
        String djl,
        String cpu,
        String isa,
        List<String> features,
        String cap,
        int intraOp,
        int interOp) {

    /** oneDNN's x64 ISAs from lowest to highest. */
    static final List<String> ISAS =
            List.of(
                    "sse41",
                    "avx",
                    "avx2",
                    "avx2_vnni",
                    "avx512_core",
                    "avx512_core_vnni",
                    "avx512_core_bf16",
                    "avx512_core_fp16",
                    "avx512_core_amx");

    /** The cpuinfo flags reported as features, in this order. */
    static final List<String> FEATURES =
            List.of(
                    "avx2",
                    "avx512f",
                    "avx512bw",
                    "avx512vl",
                    "avx512dq",
                    "avx512_vnni",
                    "avx512_bf16",
                    "avx512_fp16",
                    "avx512_vp2intersect",
                    "amx_tile",
                    "amx_bf16",
                    "amx_int8");

    public EngineFacts {
        features = List.copyOf(features);
    }

    /** The facts of this process (the engine must be started). */
    public static EngineFacts here() {
        String cpuinfo = "";
        try {
            Path p = Path.of("/proc/cpuinfo");
            if (Files.isReadable(p)) {
                cpuinfo = Files.readString(p);
            }
        } catch (IOException e) {
            cpuinfo = "";
        }
        Set<String> flags = flags(cpuinfo);
        Compute.Threads threads = Compute.threads();
        return new EngineFacts(
                "PyTorch",
                Compute.torchVersion(),
                Compute.djlVersion(),
                field(cpuinfo, "model name"),
                flags.isEmpty() ? "unknown (" + System.getProperty("os.arch") + ")" : isa(flags),
                FEATURES.stream().filter(flags::contains).toList(),
                cap(System.getenv("ONEDNN_MAX_CPU_ISA"), System.getenv("DNNL_MAX_CPU_ISA")),
                threads.intraOp(),
                threads.interOp());
    }

    /** oneDNN's ISA name for a CPU with these cpuinfo flags. */
    static String isa(Set<String> f) {
        boolean core = f.containsAll(Set.of("avx512f", "avx512bw", "avx512vl", "avx512dq"));
        boolean vnni = core && f.contains("avx512_vnni");
        boolean bf16 = vnni && f.contains("avx512_bf16");
        if (bf16 && f.containsAll(Set.of("amx_tile", "amx_bf16", "amx_int8"))) {
            return "avx512_core_amx";
        }
        if (bf16 && f.contains("avx512_fp16")) {
            return "avx512_core_fp16";
        }
        if (bf16) {
            return "avx512_core_bf16";
        }
        if (vnni) {
            return "avx512_core_vnni";
        }
        if (core) {
            return "avx512_core";
        }
        if (f.contains("avx2")) {
            return f.contains("avx_vnni") ? "avx2_vnni" : "avx2";
        }
        if (f.contains("avx")) {
            return "avx";
        }
        return f.contains("sse4_1") ? "sse41" : "below sse41";
    }

    /** The ISA oneDNN uses: the CPU's, lowered to the cap when the cap names a lower one. */
    public String isaInEffect() {
        int at = ISAS.indexOf(isa);
        String capped = cap.isEmpty() ? "" : cap.substring(cap.indexOf('=') + 1);
        int limit = ISAS.indexOf(capped.toLowerCase(Locale.ROOT));
        return at >= 0 && limit >= 0 && limit < at ? ISAS.get(limit) : isa;
    }

    /** Whether the CPU has AVX-512 (the kernels of the known fault). */
    public boolean avx512() {
        return features.contains("avx512f");
    }

    /** One line: {@code avx512_core_vnni (avx2 avx512f …), capped by DNNL_MAX_CPU_ISA=AVX2}. */
    public String describeIsa() {
        return "oneDNN ISA "
                + isa
                + (features.isEmpty() ? "" : " (" + String.join(" ", features) + ")")
                + (cap.isEmpty()
                        ? ""
                        : ", capped by " + cap + " (in effect: " + isaInEffect() + ")");
    }

    static Set<String> flags(String cpuinfo) {
        String line = field(cpuinfo, "flags");
        return line.equals("unknown")
                ? Set.of()
                : new LinkedHashSet<>(Arrays.asList(line.trim().split("\\s+")));
    }

    /** The first {@code key : value} line's value in cpuinfo text, or {@code unknown}. */
    private static String field(String cpuinfo, String key) {
        return cpuinfo.lines()
                .filter(l -> l.startsWith(key) && l.indexOf(':') > 0)
                .filter(l -> l.substring(0, l.indexOf(':')).trim().equals(key))
                .map(l -> l.substring(l.indexOf(':') + 1).trim())
                .findFirst()
                .orElse("unknown");
    }

    /** {@code NAME=value} of the cap oneDNN reads (ONEDNN_ first, as oneDNN does), or empty. */
    static String cap(String onednn, String dnnl) {
        if (onednn != null && !onednn.isBlank()) {
            return "ONEDNN_MAX_CPU_ISA=" + onednn.trim();
        }
        return dnnl != null && !dnnl.isBlank() ? "DNNL_MAX_CPU_ISA=" + dnnl.trim() : "";
    }
}
