package io.kindling.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kindling.diagnose.AttentionStats;
import io.kindling.diagnose.BlockStats;
import io.kindling.diagnose.Diagnose;
import io.kindling.diagnose.Diagnosis;
import io.kindling.diagnose.LayerStats;
import io.kindling.diagnose.StepStats;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kindling diagnose}: signal propagation at initialization, with a verdict. */
@Command(
        name = "diagnose",
        description = {
            "One forward and backward pass at initialization on a real batch: per"
                    + " layer, pre- and post-activation mean and std, saturated and dead fractions,"
                    + " the weight's gradient norm and std; then a verdict (healthy, vanishing,"
                    + " exploding, saturated, dying) with evidence and advice.",
            "",
            "Examples:",
            "  kindling diagnose --model \"mlp(depth=30, width=256)\" --init xavier_normal",
            "  kindling diagnose --model \"mlp(depth=10, activation=tanh)\" --init \"normal(std=1)\"",
            "  kindling diagnose experiment.yaml --json"
        },
        mixinStandardHelpOptions = true)
final class DiagnoseCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin ConfigOptions options = ConfigOptions.atInit(256);

    @Option(names = "--json", description = "Print the diagnosis as JSON.")
    boolean json;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Diagnosis d = Diagnose.of(options.experiment().resolve());
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(
                    new ObjectMapper()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(d));
        } else {
            out.printf(
                    Locale.ROOT,
                    "model %s%ninit  %s%nbatch %d, loss at init %.4f%n%n",
                    d.model(),
                    d.init(),
                    d.batch(),
                    d.loss());
            int w =
                    Math.max(
                            8,
                            d.layers().stream().mapToInt(l -> l.layer().length()).max().orElse(0));
            out.printf(
                    Locale.ROOT,
                    "%-" + w + "s %-12s %10s %10s %10s %10s %9s %6s %11s %10s%n",
                    "layer",
                    "activation",
                    "pre_mean",
                    "pre_std",
                    "post_mean",
                    "post_std",
                    "saturated",
                    "dead",
                    "grad_norm",
                    "weight_std");
            for (LayerStats l : d.layers()) {
                out.printf(
                        Locale.ROOT,
                        "%-"
                                + w
                                + "s %-12s %10.4f %10.4g %10.4f %10.4g %8.1f%% %5.1f%% %11.4g %10.4g%n",
                        l.layer(),
                        l.activation(),
                        l.preMean(),
                        l.preStd(),
                        l.postMean(),
                        l.postStd(),
                        100 * l.saturatedFraction(),
                        100 * l.deadFraction(),
                        l.gradientNorm(),
                        l.weightStd());
            }
            if (!d.blocks().isEmpty()) {
                int bw =
                        Math.max(
                                8,
                                d.blocks().stream()
                                        .mapToInt(b -> b.block().length())
                                        .max()
                                        .orElse(0));
                out.println();
                out.println("residual stream after each block:");
                out.printf(
                        Locale.ROOT,
                        "%-" + bw + "s %12s %12s %12s %11s%n",
                        "block",
                        "stream_mean",
                        "stream_std",
                        "stream_var",
                        "grad_norm");
                for (BlockStats b : d.blocks()) {
                    out.printf(
                            Locale.ROOT,
                            "%-" + bw + "s %12.4g %12.4g %12.4g %11.4g%n",
                            b.block(),
                            b.streamMean(),
                            b.streamStd(),
                            b.streamVariance(),
                            b.gradientNorm());
                }
            }
            if (!d.steps().isEmpty()) {
                printThroughTime(out, d.steps());
            }
            if (!d.attention().isEmpty()) {
                out.println();
                out.println("attention entropy (nats; uniform = the causal mask's maximum):");
                out.printf(
                        Locale.ROOT,
                        "%-16s %10s %10s %8s%n",
                        "attention",
                        "entropy",
                        "uniform",
                        "ratio");
                for (AttentionStats a : d.attention()) {
                    out.printf(
                            Locale.ROOT,
                            "%-16s %10.4f %10.4f %8.3f%n",
                            a.layer(),
                            a.entropy(),
                            a.uniform(),
                            a.ratio());
                }
            }
            out.println();
            out.println("verdict: " + d.verdict().kind());
            d.verdict().evidence().forEach(e -> out.println("  evidence: " + e));
            d.verdict().advice().forEach(a -> out.println("  advice:   " + a));
        }
        out.flush();
        return 0;
    }

    /**
     * The recurrent net through time: the hidden state's std at each step and ‖∂L/∂x_t‖, the loss
     * gradient reaching the input k = T − 1 − t steps back (see {@code StepStats}); at most 20
     * rows, evenly spaced, always the first and last step.
     */
    private static void printThroughTime(PrintWriter out, List<StepStats> steps) {
        out.println();
        out.println(
                "through time (gradient ‖∂L/∂x_t‖ reaching the input k steps before the last):");
        out.printf(
                Locale.ROOT,
                "%6s %6s %12s %12s %14s%n",
                "step",
                "k",
                "hidden_mean",
                "hidden_std",
                "grad_norm");
        int n = steps.size();
        int every = Math.max(1, (n + 19) / 20);
        for (int i = 0; i < n; i++) {
            if (i % every != 0 && i != n - 1) {
                continue;
            }
            StepStats s = steps.get(i);
            out.printf(
                    Locale.ROOT,
                    "%6d %6d %12.4g %12.4g %14.4g%n",
                    s.step(),
                    s.back(),
                    s.hiddenMean(),
                    s.hiddenStd(),
                    s.inputGradientNorm());
        }
        double last = steps.get(n - 1).inputGradientNorm();
        double first = steps.get(0).inputGradientNorm();
        out.printf(
                Locale.ROOT,
                "gradient ratio first/last step: %.3g (≪ 1 vanishing, ≫ 1 exploding through time)%n",
                last == 0 ? Double.NaN : first / last);
    }
}
