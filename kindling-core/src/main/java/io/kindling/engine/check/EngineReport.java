package io.kindling.engine.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of an engine check: the facts of the machine, one row per case and mode, the
 * diagnostic rows that inform but never decide (libtorch's raw LSTM inference kernel), and how long
 * the checks took.
 *
 * @param facts engine, versions, ISA, threads
 * @param rows the checks, in order
 * @param diagnostics information rows (may be empty)
 * @param millis the time the checks took, in milliseconds (engine start not included)
 */
public record EngineReport(
        EngineFacts facts, List<CheckRow> rows, List<CheckRow> diagnostics, double millis) {

    public EngineReport {
        rows = List.copyOf(rows);
        diagnostics = List.copyOf(diagnostics);
    }

    /** Whether every check passes (the diagnostic rows do not count). */
    public boolean healthy() {
        return rows.stream().allMatch(CheckRow::ok);
    }

    /** The checks that fail, worst first. */
    public List<CheckRow> failures() {
        List<CheckRow> f = new ArrayList<>(rows.stream().filter(r -> !r.ok()).toList());
        f.sort((a, b) -> Double.compare(b.worst().ratio(), a.worst().ratio()));
        return f;
    }

    /** The same report with these diagnostic rows. */
    public EngineReport withDiagnostics(List<CheckRow> rows) {
        return new EngineReport(facts, this.rows, rows, millis);
    }

    /** The report as plain maps and lists, for {@code kindling doctor --json}. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("healthy", healthy());
        m.put("engine", facts.engine());
        m.put("torch", facts.torch());
        m.put("djl", facts.djl());
        m.put("cpu", facts.cpu());
        m.put("isa", facts.isa());
        m.put("features", facts.features());
        m.put("isa_cap", facts.cap());
        m.put("isa_in_effect", facts.isaInEffect());
        m.put("intra_op_threads", facts.intraOp());
        m.put("inter_op_threads", facts.interOp());
        m.put("millis", millis);
        m.put("checks", rows.stream().map(EngineReport::row).toList());
        m.put("diagnostics", diagnostics.stream().map(EngineReport::row).toList());
        return m;
    }

    private static Map<String, Object> row(CheckRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("check", r.check());
        m.put("op", r.op());
        m.put("mode", r.mode().text());
        m.put("ok", r.ok());
        m.put("error", finite(r.error()));
        m.put("tolerance", r.tolerance());
        m.put("where", r.worst().where());
        return m;
    }

    /** JSON has no infinity: a wrong shape or a NaN is written as null. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
