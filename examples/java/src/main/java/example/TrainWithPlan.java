package example;

import io.kindling.api.Kindling;
import io.kindling.init.PlanRow;
import io.kindling.train.TrainResult;
import io.kindling.train.TrainSpec;
import java.nio.file.Path;

/** Trains a 20-layer ReLU MLP with an init plan of its own: rules, first match wins. */
public final class TrainWithPlan {

    public static void main(String[] args) {
        Path out = Path.of(args.length > 0 ? args[0] : "runs/java-plan");
        TrainSpec spec =
                Kindling.experiment(
                                """
                                model: mlp(depth=20, width=128, activation=relu)
                                init:
                                  - {match: "role=bias", init: zeros}
                                  - {match: "layer=linear & last", init: xavier_uniform}
                                  - {match: "*", init: "kaiming_normal(nonlinearity=relu)"}
                                optimizer: sgd(lr=0.01, momentum=0.9)
                                data: fashion-mnist(source=subset)
                                steps: 100
                                batch: 64
                                """)
                        .resolve();
        for (PlanRow row : Kindling.plan(spec)) {
            System.out.printf(
                    "%-12s %-12s %-45s std %.4f (target %.4f)%n",
                    row.parameter(), row.shape(), row.initializer(), row.sampledStd(),
                    row.expectedStd());
        }
        System.out.println("at init: " + Kindling.diagnose(spec).verdict().kind());
        TrainResult r = Kindling.train(spec, out);
        System.out.printf("trained %d steps, final train loss %.4f, run folder %s%n",
                r.steps(), r.finalTrainLoss(), out);
    }
}
