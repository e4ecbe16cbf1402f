package io.kindling.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kindling.engine.Compute;
import io.kindling.engine.check.CheckRow;
import io.kindling.engine.check.EngineCheck;
import io.kindling.engine.check.EngineFacts;
import io.kindling.engine.check.EngineMismatchException;
import io.kindling.engine.check.EngineReport;
import io.kindling.engine.check.GoldenSet;
import io.kindling.engine.memory.Allocator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kindling doctor}: the engine self-check every run makes at its start, shown in full — the
 * engine and its versions, the CPU's instruction set as oneDNN sees it, the threads, one line per
 * check, libtorch's raw LSTM inference kernel as information, and a verdict. Exit code 0 when every
 * check passes, {@value #MISMATCH} on a mismatch (as {@code train} on such an engine).
 */
@Command(
        name = "doctor",
        description = {
            "Check that this machine's engine computes what PyTorch computes: small golden cases"
                    + " (LSTM, GRU, RNN, convolutions, batch and layer norm, attention, linear)"
                    + " run through Kindling's own blocks in inference, training and backward and"
                    + " are compared with PyTorch's float64 values. Every run makes the same check"
                    + " at its start and refuses to train on a mismatch. Exit code 0 if healthy,"
                    + " 3 on a mismatch.",
            "",
            "Examples:",
            "  kindling doctor",
            "  DNNL_MAX_CPU_ISA=AVX2 kindling doctor",
            "  kindling doctor --json",
            "  kindling doctor --golden kindling-core/src/test/resources/reference/recurrent_kernels.json"
        },
        mixinStandardHelpOptions = true)
final class DoctorCommand implements Callable<Integer> {

    /** The exit code of a mismatch. */
    static final int MISMATCH = 3;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "libtorch intra-op threads (default: the available cores, as runs use).")
    Integer threads;

    @Option(
            names = "--golden",
            paramLabel = "FILE",
            description =
                    "Check another golden set written by tools/reference/engine_golden.py"
                            + " (default: the shipped one).")
    Path golden;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Compute.start(
                threads == null ? Compute.Threads.defaults() : new Compute.Threads(threads, 1));
        GoldenSet set = golden == null ? GoldenSet.shipped() : GoldenSet.file(golden);
        EngineReport report = EngineCheck.diagnose(set);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>(report.describe());
            m.put("golden", set.generator() + " (torch " + set.torch() + ")");
            m.putAll(Allocator.current().toMap());
            out.println(
                    new ObjectMapper()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(m));
        } else {
            print(out, set, report);
        }
        out.flush();
        return report.healthy() ? 0 : MISMATCH;
    }

    private static void print(PrintWriter out, GoldenSet set, EngineReport report) {
        EngineFacts f = report.facts();
        out.printf(
                Locale.ROOT, "engine   %s %s (libtorch), DJL %s%n", f.engine(), f.torch(), f.djl());
        out.printf(Locale.ROOT, "cpu      %s; %s%n", f.cpu(), f.describeIsa());
        out.printf(Locale.ROOT, "threads  intra-op %d, inter-op %d%n", f.intraOp(), f.interOp());
        out.printf(Locale.ROOT, "malloc   %s%n", allocatorLine(Allocator.current()));
        out.printf(
                Locale.ROOT,
                "golden   %d cases × 3 modes from %s (torch %s)%n",
                set.cases().size(),
                set.generator(),
                set.torch());
        out.printf(
                Locale.ROOT,
                "time     %.1f ms for the checks, after the engine had loaded (a run's start pays"
                        + " this once)%n%n",
                report.millis());
        int width =
                Math.max(
                        EngineCheck.LIBTORCH_LSTM.length(),
                        report.rows().stream().mapToInt(r -> r.check().length()).max().orElse(0));
        String row = "%-" + width + "s  %-9s  %10s  %10s  %s%n";
        out.printf(Locale.ROOT, row, "check", "mode", "max error", "tolerance", "result");
        for (CheckRow r : report.rows()) {
            printRow(out, row, r, "MISMATCH (" + r.worst().where() + ")");
        }
        for (CheckRow r : report.diagnostics()) {
            printRow(out, row, r, "MISMATCH — avoided: Kindling's LSTM does not use it");
        }
        out.println();
        if (report.healthy()) {
            out.println(
                    "verdict: healthy — every check agrees with PyTorch's float64 reference;"
                            + " runs go ahead");
        } else {
            out.printf(
                    Locale.ROOT,
                    "verdict: MISMATCH — %d of %d checks differ from PyTorch's float64 reference;"
                            + " runs are refused. %s.%n",
                    report.failures().size(),
                    report.rows().size(),
                    EngineMismatchException.advice(f));
        }
    }

    /**
     * The allocator, with a hint where it is glibc's: the launcher preloads jemalloc, so glibc here
     * means it was not found, was turned off, or Kindling runs as a library in another JVM.
     */
    static String allocatorLine(Allocator a) {
        if (a.name().equals("glibc")) {
            return a.describe()
                    + " — training can run several times slower on it on some machines; the"
                    + " kindling launcher preloads jemalloc where it is installed (docs/performance.md)";
        }
        return a.describe();
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2e", v) : "∞";
    }

    private static void printRow(PrintWriter out, String format, CheckRow r, String mismatch) {
        out.printf(
                Locale.ROOT,
                format,
                r.check(),
                r.mode().text(),
                number(r.error()),
                number(r.tolerance()),
                r.ok() ? "ok" : mismatch);
    }
}
