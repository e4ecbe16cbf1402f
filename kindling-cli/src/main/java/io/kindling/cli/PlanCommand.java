package io.kindling.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kindling.init.PlanRow;
import io.kindling.report.PlanTable;
import io.kindling.train.PreparedRun;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kindling plan}: the resolved init plan as a table, with the std actually sampled. */
@Command(
        name = "plan",
        description = {
            "Build and initialize a model (including data-dependent inits such as"
                    + " LSUV, on a real batch) and print, per parameter: shape, fan-in, fan-out, the"
                    + " rule that matched, the initializer, the std it targets and the std sampled.",
            "",
            "Examples:",
            "  kindling plan --model \"mlp(depth=30, width=256)\" --init kaiming_normal",
            "  kindling plan --model \"mlp(depth=30, width=256)\" --init \"lsuv(base=normal(std=0.01))\"",
            "  kindling plan experiment.yaml --json"
        },
        mixinStandardHelpOptions = true)
final class PlanCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin ConfigOptions options = ConfigOptions.atInit(128);

    @Option(names = "--json", description = "Print the rows as JSON.")
    boolean json;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var trainSpec = options.experiment().resolve();
        var out = spec.commandLine().getOut();
        try (PreparedRun trainer = new PreparedRun(trainSpec)) {
            List<PlanRow> rows = PlanRow.of(trainer.plan());
            if (json) {
                out.println(
                        new ObjectMapper()
                                .enable(SerializationFeature.INDENT_OUTPUT)
                                .writeValueAsString(rows));
            } else {
                out.println("model " + trainSpec.network().model().print());
                PlanTable.render(rows).forEach(out::println);
                trainer.initReport().forEach(out::println);
            }
        }
        out.flush();
        return 0;
    }
}
