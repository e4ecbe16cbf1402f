package example;

import io.kindling.api.ComparisonSummary;
import io.kindling.api.Kindling;
import java.nio.file.Path;
import java.util.List;

/** Xavier against He on a 30-layer ReLU MLP; the results read back as Java objects. */
public final class CompareInits {

    public static void main(String[] args) {
        Path out = Path.of(args.length > 0 ? args[0] : "runs/java-compare");
        ComparisonSummary summary =
                Kindling.compare(
                        Kindling.experiment(
                                """
                                model: mlp(depth=30, width=128, activation=relu)
                                optimizer: sgd(lr=0.01, momentum=0.9)
                                data: fashion-mnist(source=subset)
                                steps: 200
                                """),
                        List.of("xavier_normal", "kaiming_normal(nonlinearity=relu)"),
                        1,
                        out,
                        System.out);
        for (ComparisonSummary.Variant v : summary.variants()) {
            System.out.printf(
                    "%-36s %s %.4f  loss %.4f  at init: %s%n",
                    v.label(), v.scoreName(), v.score(), v.finalTrainLoss(), v.verdict());
        }
        ComparisonSummary.Variant xavier = summary.variant("xavier_normal");
        ComparisonSummary.Variant he = summary.variant("kaiming_normal(nonlinearity=relu)");
        if (!xavier.verdict().equals("vanishing") || !he.verdict().equals("healthy")) {
            throw new IllegalStateException("expected Xavier to vanish and He to be healthy");
        }
        System.out.println("report: " + out.resolve("report.html"));
    }
}
