package io.kindling.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns per-layer statistics into a verdict, most severe first:
 *
 * <pre>
 * dying      some layer has ≥ 50% dead rectifier units (≤ 0 for the whole batch)
 * saturated  hidden post-activations sit in the flat tails ≥ 30% of the time on average
 * vanishing  the last hidden layer carries &lt; 1% of the first's activation std
 * exploding  the last hidden layer carries &gt; 100× the first's activation std, or a value is
 *            not finite
 * healthy    none of the above
 * </pre>
 *
 * <p>For residual networks the stream after each block is judged too: when its variance grows more
 * than {@value #STREAM_EXPLODING}× from the first block to the last (or stops being finite), the
 * verdict is exploding whatever the layers say, with advice on residual inits. A branch that adds
 * variance v to a stream of variance v doubles it, so plain He init without normalization grows the
 * stream about 2× per block.
 *
 * <p>Hidden layers whose weights are all zero (Fixup's branch ends) are left out: their output is
 * zero by design. Thresholds are deliberately coarse: they flag networks that cannot train well, as
 * in Glorot &amp; Bengio 2010 (saturation) and He et al. 2015 (vanishing signal in deep ReLU nets).
 */
public final class VerdictRules {

    static final double DEAD = 0.5;
    static final double SATURATED = 0.3;
    static final double VANISHING = 1e-2;
    static final double EXPLODING = 1e2;

    static final double STREAM_EXPLODING = 1e4;

    private VerdictRules() {}

    /**
     * The verdict for one network from its layers and, for residual networks, its blocks.
     *
     * @param layers per-layer statistics, input to output
     * @param blocks the stream after each residual block, input to output (may be empty)
     */
    public static Verdict judge(List<LayerStats> layers, List<BlockStats> blocks) {
        Verdict byLayers = judge(layers);
        if (blocks.size() < 2) {
            return byLayers;
        }
        BlockStats first = blocks.get(0);
        BlockStats last = blocks.get(blocks.size() - 1);
        List<String> evidence = new ArrayList<>(byLayers.evidence());
        BlockStats broken =
                blocks.stream()
                        .filter(b -> !Double.isFinite(b.streamVariance()))
                        .findFirst()
                        .orElse(null);
        double ratio = last.streamVariance() / first.streamVariance();
        if (broken != null) {
            evidence.add(0, "the residual stream is not finite after " + broken.block());
        } else {
            double perBlock = Math.pow(ratio, 1.0 / (blocks.size() - 1));
            evidence.add(
                    0,
                    String.format(
                            Locale.ROOT,
                            "residual stream variance ×%.3g per"
                                    + " block: %.3g after %s, %.3g after %s",
                            perBlock,
                            first.streamVariance(),
                            first.block(),
                            last.streamVariance(),
                            last.block()));
        }
        if (broken != null || ratio > STREAM_EXPLODING) {
            List<String> advice =
                    List.of(
                            "start every residual branch at zero:"
                                    + " residual=rezero or residual=skipinit (a gate α = 0 per branch), or"
                                    + " residual=fixup with init fixup (Zhang et al. 2019)",
                            "or normalize: norm=batch; or zero each branch's last layer with a plan rule"
                                    + " {match: residual_out, init: zeros}");
            return new Verdict("exploding", evidence, advice);
        }
        return new Verdict(byLayers.kind(), evidence, byLayers.advice());
    }

    /** The verdict for the layers of one network (input to output), blocks aside. */
    public static Verdict judge(List<LayerStats> layers) {
        // A layer whose weights are all zero is zero by design (Fixup's branch ends, a zero
        // head): its output is constant, not dead or vanished, so it is not judged.
        List<LayerStats> hidden =
                layers.stream()
                        .filter(l -> !l.activation().equals("identity") && l.weightStd() > 0)
                        .toList();
        String act = hidden.isEmpty() ? "identity" : hidden.get(0).activation();
        List<String> evidence = new ArrayList<>();
        if (layers.stream()
                .anyMatch(
                        l -> !Double.isFinite(l.postStd()) || !Double.isFinite(l.gradientNorm()))) {
            evidence.add("a layer's activations or gradients are not finite");
            return new Verdict("exploding", evidence, advice("exploding", act));
        }
        LayerStats worstDead =
                hidden.stream()
                        .max((a, b) -> Double.compare(a.deadFraction(), b.deadFraction()))
                        .orElse(null);
        if (worstDead != null && worstDead.deadFraction() >= DEAD) {
            evidence.add(
                    String.format(
                            Locale.ROOT,
                            "%s: %.0f%% of units are dead (≤ 0 for the" + " whole batch)",
                            worstDead.layer(),
                            100 * worstDead.deadFraction()));
            return new Verdict("dying", evidence, advice("dying", act));
        }
        double saturation =
                hidden.stream().mapToDouble(LayerStats::saturatedFraction).average().orElse(0);
        if (saturation >= SATURATED) {
            evidence.add(
                    String.format(
                            Locale.ROOT,
                            "on average %.0f%% of hidden %s outputs sit" + " in the flat tails",
                            100 * saturation,
                            act));
            return new Verdict("saturated", evidence, advice("saturated", act));
        }
        if (hidden.size() >= 2) {
            LayerStats first = hidden.get(0);
            LayerStats last = hidden.get(hidden.size() - 1);
            double ratio = last.postStd() / first.postStd();
            double perLayer = Math.pow(ratio, 1.0 / (hidden.size() - 1));
            String signal =
                    String.format(
                            Locale.ROOT,
                            "activation std %s ×%.3g per layer; %s"
                                    + " carries %.2g of %s's signal",
                            perLayer < 1 ? "falls" : "grows",
                            perLayer,
                            last.layer(),
                            ratio,
                            first.layer());
            String gradients =
                    String.format(
                            Locale.ROOT,
                            "weight gradient norm %.3g at %s," + " %.3g at %s",
                            first.gradientNorm(),
                            first.layer(),
                            last.gradientNorm(),
                            last.layer());
            evidence.add(signal);
            evidence.add(gradients);
            if (!(ratio >= VANISHING)) {
                return new Verdict("vanishing", evidence, advice("vanishing", act));
            }
            if (ratio > EXPLODING) {
                return new Verdict("exploding", evidence, advice("exploding", act));
            }
        }
        return new Verdict("healthy", evidence, advice("healthy", act));
    }

    /** Advice naming Kindling initializers for the activation in use. */
    static List<String> advice(String kind, String activation) {
        String base =
                switch (activation.replaceAll("\\(.*", "")) {
                    case "relu", "leaky_relu", "gelu" ->
                            "kaiming_normal(nonlinearity=auto) or"
                                    + " lsuv(base=orthogonal) for "
                                    + activation;
                    case "tanh", "sigmoid" ->
                            "xavier_normal(gain=auto) or orthogonal(gain=auto) for " + activation;
                    case "selu" -> "lecun_normal for selu (self-normalizing)";
                    default -> "orthogonal for linear layers";
                };
        return switch (kind) {
            case "healthy" -> List.of("no change needed; " + base + " is the standard choice");
            case "vanishing" -> List.of("use " + base, "the std is too small for this depth");
            case "exploding" ->
                    List.of(
                            "use " + base,
                            "the std is too large for this depth;"
                                    + " also consider clip_by_global_norm in the optimizer");
            case "saturated" ->
                    List.of(
                            "use " + base,
                            "a smaller std keeps units in the"
                                    + " linear range (Glorot & Bengio 2010)");
            default ->
                    List.of(
                            "use " + base,
                            "or leaky_relu(slope=0.01), which has no dead"
                                    + " units; check for a negative bias or a too-large learning rate");
        };
    }
}
