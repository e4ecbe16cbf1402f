package io.kindling.nn;

import static io.kindling.nn.Families.build;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.kindling.config.ConfigException;
import io.kindling.init.InitPlan;
import io.kindling.init.Initializers;
import io.kindling.train.Experiment;
import io.kindling.train.InitSpec;
import io.kindling.train.PreparedRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad models and inits are refused before training, naming the layer and what would fit. */
class FamilyErrorsTest {

    private static String refused(Executable e, String... parts) {
        String message = assertThrows(ConfigException.class, e).getMessage();
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "'" + part + "' missing from: " + message);
        }
        return message;
    }

    @Test
    void aKernelLargerThanTheImageNamesTheLayerAndTheSmallestInputThatFits() {
        // conv1 (5×5, padding 2) still fits a 4×4 image; after the 2×2 pool conv2 does not
        refused(
                () -> build("lenet5", InputShape.image(1, 4, 4)),
                "lenet5(",
                "conv2",
                "6×2×2",
                "kernel 5×5 is larger than its input 2×2",
                "at least 5×5");
    }

    @Test
    void tooManyStagesForTheImageNamesTheEmptyStageAndHowManyFit() {
        // 28 → 14 → 7 → 4 → 2 → 1: stage 7 would start from a single pixel
        refused(
                () -> build("cnn(depth=7, width=2, stages=7)"),
                "layer conv7",
                "1×1",
                "stage 7 would be empty",
                "at most 6 stages");
        refused(
                () -> build("resnet(blocks=7, width=2, stages=7)"),
                "stage7.block1.conv1",
                "stage 7 would be empty",
                "at most 6 stages");
        build("cnn(depth=6, width=2, stages=6)");
    }

    @Test
    void anImageModelOnATableSaysWhatDataItNeeds() {
        for (String expr : List.of("lenet5", "cnn", "resnet")) {
            refused(
                    () -> build(expr, InputShape.flat(4)),
                    expr + "(",
                    "needs images",
                    "table of 4 features",
                    "mlp(...)");
        }
        build("resmlp(blocks=1, width=4)", InputShape.flat(4));
    }

    @Test
    void fixupWithBatchNormIsRefusedByTheRegistry() {
        refused(
                () -> Models.REGISTRY.parse("resnet(norm=batch, residual=fixup)"),
                "norm=batch",
                "residual=fixup",
                "norm=none");
        refused(
                () -> Models.REGISTRY.parse("resmlp(norm=layer, residual=fixup)"),
                "norm=layer",
                "residual=fixup");
        // without norm, fixup takes none rather than resnet's usual batch
        assertTrue(Models.REGISTRY.parse("resnet(residual=fixup)").print().contains("norm=none"));
    }

    @Test
    void stagesNeedALayerOrBlockEachAndDesignsAreNamed() {
        refused(
                () -> Models.REGISTRY.parse("cnn(depth=2, stages=3)"),
                "depth=2",
                "at least stages=3");
        refused(
                () -> Models.REGISTRY.parse("resnet(blocks=2, stages=3)"),
                "blocks=2",
                "at least stages=3");
        refused(
                () -> Models.REGISTRY.parse("resnet(residual=rezro)"),
                "rezro",
                "plain, fixup, rezero, skipinit",
                "did you mean rezero");
        refused(() -> Models.REGISTRY.parse("lenet5(pool=min)"), "pool", "avg, max");
        refused(() -> Models.REGISTRY.parse("cnn(norm=layer)"), "norm", "none, batch");
    }

    @Test
    void fixupOnAModelWithoutResidualBranchesPointsToTheResidualFamilies() {
        Model mlp = Models.REGISTRY.parse("mlp(depth=2, width=8)").build(784, 10);
        InitPlan plan = InitPlan.forWeights(Initializers.REGISTRY.parse("fixup"));
        refused(
                () -> plan.resolve(mlp),
                "fixup needs residual branches",
                "mlp(depth=2, width=8",
                "has none",
                "resnet(..., residual=fixup)",
                "resmlp(");
        refused(() -> plan.resolve(build("cnn(depth=3, width=4)")), "cnn(depth=3");
    }

    @Test
    void fixupOnAnMlpFailsWhileTheRunIsPrepared() {
        var spec =
                new Experiment(
                                Map.of(
                                        "model",
                                        "mlp(depth=1, width=8)",
                                        "init",
                                        "fixup",
                                        "data",
                                        "fashion-mnist(source=subset)",
                                        "steps",
                                        1,
                                        "threads",
                                        1))
                        .resolve();
        refused(() -> new PreparedRun(spec).close(), "fixup needs residual branches");
    }

    @Test
    void deltaOrthogonalOnAConvWithFewerOutThanInChannelsIsRefusedBeforeSampling() {
        // 3 colour channels into a width-2 conv: a 2 × 3 matrix cannot have orthonormal columns
        Model m = build("cnn(depth=2, width=2, stages=1)", InputShape.image(3, 8, 8));
        InitPlan plan =
                InitSpec.parse(
                                List.of(
                                        Map.of(
                                                "match",
                                                "conv & role=weight",
                                                "init",
                                                "delta_orthogonal"),
                                        Map.of("match", "*", "init", "zeros")))
                        .plan();
        try (NDManager manager = NDManager.newBaseManager()) {
            refused(
                    () -> plan.apply(m, manager),
                    "delta_orthogonal",
                    "conv1.weight",
                    "2 < 3",
                    "at least 3 out channels",
                    "(2, 3, 3, 3)");
        }
        assertFalse(m.parameters().get(0).parameter().isInitialized());
    }
}
