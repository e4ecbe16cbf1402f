package io.kindling.engine.check;

import java.util.Locale;

/**
 * The engine computes wrong numbers on this machine: a golden case differs from PyTorch's float64
 * reference by more than float32 rounding explains. Its message is one paragraph meant for the
 * user: which operation and mode, by how much, on which instruction set, and what to do.
 */
public final class EngineMismatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The environment setting that makes oneDNN use its AVX2 kernels. */
    public static final String WORKAROUND = "DNNL_MAX_CPU_ISA=AVX2";

    private final transient EngineReport report;

    /**
     * @param report a report with at least one failing check
     */
    public EngineMismatchException(EngineReport report) {
        super(message(report));
        this.report = report;
    }

    /** The report that failed. */
    public EngineReport report() {
        return report;
    }

    /**
     * What to do: cap oneDNN at AVX2 (the known fault is in AVX-512 kernels), unless a cap at or
     * below AVX2 is already in effect, in which case that workaround cannot help.
     */
    public static String advice(EngineFacts f) {
        int inEffect = EngineFacts.ISAS.indexOf(f.isaInEffect());
        int avx2 = EngineFacts.ISAS.indexOf("avx2");
        if (f.cap().isEmpty()) {
            return "Workaround: run with "
                    + WORKAROUND
                    + " in the environment (e.g. "
                    + WORKAROUND
                    + " ./kindling train ...), which makes oneDNN use its AVX2 kernels";
        }
        if (inEffect < 0 || inEffect > avx2) {
            return "Workaround: run with "
                    + WORKAROUND
                    + " in the environment instead of "
                    + f.cap();
        }
        return "It persists under "
                + f.cap()
                + ", so "
                + WORKAROUND
                + " (the workaround for the known AVX-512 fault) does not help here; try"
                + " DNNL_MAX_CPU_ISA=SSE41, and report `kindling doctor --json`";
    }

    /** The one-paragraph message for {@code report}'s worst failing check. */
    static String message(EngineReport report) {
        var failures = report.failures();
        if (failures.isEmpty()) {
            throw new IllegalArgumentException("the report has no failing check");
        }
        CheckRow worst = failures.get(0);
        EngineFacts f = report.facts();
        String more =
                failures.size() == 1
                        ? ""
                        : " (and "
                                + (failures.size() - 1)
                                + " more of "
                                + report.rows().size()
                                + " checks fail)";
        String advice = advice(f);
        return String.format(
                Locale.ROOT,
                "The engine self-check failed: %s in %s mode differs from PyTorch's float64"
                        + " reference by %.3g (%s; tolerance %.3g)%s, on %s with %s, libtorch %s"
                        + " (DJL %s). libtorch picks its kernels by the CPU's instruction set, and"
                        + " some are wrong on some CPUs, so this run would train and report wrong"
                        + " numbers; Kindling stops before writing anything. %s; `kindling doctor`"
                        + " shows every check. If you are sure it is a false alarm, set the system"
                        + " property %s=warn (print this and go on) or =off, e.g."
                        + " KINDLING_JAVA_OPTS=\"-Xmx4g -D%s=warn\".",
                worst.check(),
                worst.mode().text(),
                worst.error(),
                worst.worst().where(),
                worst.tolerance(),
                more,
                f.cpu(),
                f.describeIsa(),
                f.torch(),
                f.djl(),
                advice,
                EngineGate.PROPERTY,
                EngineGate.PROPERTY);
    }
}
