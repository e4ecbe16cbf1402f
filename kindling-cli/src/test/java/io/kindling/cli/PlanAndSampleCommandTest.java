package io.kindling.cli;

import static io.kindling.cli.KindlingCliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanAndSampleCommandTest {

    @TempDir Path tmp;

    @Test
    void planPrintsATableRowPerParameterAndTheLsuvReport() {
        var o =
                run(
                        "plan",
                        "--model",
                        "mlp(depth=2, width=32)",
                        "--init",
                        "lsuv(base=normal(std=0.01))",
                        "--data",
                        "fashion-mnist(source=subset)");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("parameter") && o.out().contains("sampled_std"), o.out());
        assertTrue(o.out().contains("layer3.weight") && o.out().contains("10x32"), o.out());
        assertTrue(o.out().contains("lsuv layer1.weight"), o.out());
    }

    @Test
    void planShowsEachParametersTagsWhichSelectorsMatch() {
        var o =
                run(
                        "plan",
                        "--model",
                        "lstm(hidden=4)",
                        "--init",
                        "orthogonal",
                        "--data",
                        "adding(steps=6)");
        assertEquals(0, o.code(), o.err());
        String header =
                o.out().lines().filter(l -> l.startsWith("parameter")).findFirst().orElse("");
        assertTrue(
                header.matches("parameter\\s+shape\\s+fan_in\\s+fan_out\\s+tags\\s+rule.*"),
                header);
        assertTrue(
                o.out()
                        .lines()
                        .anyMatch(
                                l ->
                                        l.startsWith("lstm.bias_hh_l0[forget]")
                                                && l.contains("gate=forget")),
                o.out());
        var json =
                run(
                        "plan",
                        "--model",
                        "resnet(blocks=2, width=4, stages=2)",
                        "--data",
                        "fashion-mnist(source=subset)",
                        "--json");
        assertEquals(0, json.code(), json.err());
        assertTrue(
                json.out().contains("\"block\" : \"stage2.block1\"")
                        && json.out().contains("\"stage\" : \"2\""),
                json.out());
    }

    @Test
    void aModelWhoseOutputDoesNotFitTheTargetsIsRefusedNamingBoth() {
        var o =
                run(
                        "plan",
                        "--model",
                        "encoder(layers=1, width=8, heads=2, context=16)",
                        "--data",
                        "text(path='../examples/data/fortunes.txt', context=16)");
        assertEquals(2, o.code(), o.out());
        assertTrue(
                o.err().contains("gives 8 features per example") || o.err().contains("per example"),
                o.err());
        assertTrue(o.err().contains("a target at every step"), o.err());
    }

    @Test
    void planWithRulesFromAnExperimentFile() throws Exception {
        Path yaml = tmp.resolve("plan.yaml");
        Files.writeString(
                yaml,
                String.join(
                        "\n",
                        "model: mlp(depth=2, width=16)",
                        "data: fashion-mnist(source=subset)",
                        "init:",
                        "  - {match: \"role=bias\", init: zeros}",
                        "  - {match: \"layer=linear & last\", init: \"xavier_normal\"}",
                        "  - {match: \"*\", init: \"kaiming_normal(nonlinearity=relu)\"}",
                        ""));
        var o = run("plan", yaml.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("layer=linear & last"), o.out());
    }

    @Test
    void planShowsFixupOnAResnetAndRefusesItOnAnMlp() {
        var o =
                run(
                        "plan",
                        "--model",
                        "resnet(blocks=3, width=4, residual=fixup)",
                        "--init",
                        "fixup",
                        "--data",
                        "fashion-mnist(source=subset)");
        assertEquals(0, o.code(), o.err());
        assertTrue(
                o.out().contains("stage2.block1.conv2.weight")
                        && o.out().contains("stage3.block1.shortcut.weight")
                        && o.out().contains("stage1.block1.scale.scale")
                        && !o.out().contains(".gate"),
                o.out());
        o =
                run(
                        "plan",
                        "--model",
                        "mlp(depth=1, width=8)",
                        "--init",
                        "fixup",
                        "--data",
                        "fashion-mnist(source=subset)");
        assertEquals(2, o.code(), o.out());
        assertTrue(
                o.err().contains("fixup needs residual branches")
                        && o.err().contains("resnet(..., residual=fixup)"),
                o.err());
    }

    @Test
    void sampleWritesANpyThatNumpyCanRead() throws Exception {
        Path npy = tmp.resolve("w.npy");
        Path png = tmp.resolve("w.png");
        var o =
                run(
                        "sample",
                        "--init",
                        "kaiming_normal(nonlinearity=relu)",
                        "--shape",
                        "64,32,3,3",
                        "--seed",
                        "3",
                        "--out",
                        npy.toString(),
                        "--plot",
                        png.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("expected 0.083333"), o.out());
        byte[] bytes = Files.readAllBytes(npy);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals((byte) 0x93, b.get(0));
        assertEquals("NUMPY", new String(bytes, 1, 5, StandardCharsets.US_ASCII));
        int headerLength = b.getShort(8);
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(header.contains("'descr': '<f4'") && header.contains("(64, 32, 3, 3)"), header);
        assertEquals(0, (10 + headerLength) % 64, "data is 64-byte aligned");
        assertEquals(10 + headerLength + 4 * 64 * 32 * 9, bytes.length);
        assertTrue(Files.size(png) > 1000);
    }

    @Test
    void badInitializerArgumentsAndShapesAreRefused() {
        var o = run("sample", "--init", "normal(std=-1)", "--shape", "3,3");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("std") && o.err().contains("-1"), o.err());
        o = run("sample", "--init", "zeros", "--shape", "3,x");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("3,x") && o.err().contains("64,32,3,3"), o.err());
    }
}
