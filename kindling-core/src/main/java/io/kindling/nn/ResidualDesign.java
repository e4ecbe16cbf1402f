package io.kindling.nn;

import io.kindling.config.Args;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The residual block designs {@code resnet} and {@code resmlp} share; each builds the branch F of
 * {@code y = F(x) + shortcut(x)} around two weighted layers (3×3 convs or linears).
 *
 * <pre>
 * design     branch                                                       after the sum
 * plain      L1 → [norm] → act → L2 → [norm]                              act
 * fixup      bias1a → L1 → bias1b → act → bias2a → L2 → scale → bias2b    act
 * rezero     act → L1 → [norm] → act → L2 → [norm] → gate (α = 0)         nothing
 * skipinit   the same block as rezero
 * </pre>
 *
 * {@code plain} is torchvision's {@code BasicBlock} (He et al. 2016, arXiv:1512.03385). {@code
 * fixup} has no normalization; its scalar biases and multiplier are Zhang, Dauphin &amp; Ma 2019
 * (arXiv:1901.09321), and the {@code fixup} initializer zeroes L2 and scales L1 by L^(−1/(2m−2)).
 * {@code rezero} (Bachlechner et al. 2020, arXiv:2003.04887) and {@code skipinit} (De &amp; Smith
 * 2020, arXiv:2002.10444) are two papers that arrived at one block: a learnable scalar α on the
 * branch, 0 at initialization, so that every block starts as the identity; here both are a
 * pre-activation branch ending in {@code gate}.
 */
public enum ResidualDesign {
    PLAIN,
    FIXUP,
    REZERO,
    SKIPINIT;

    /** The names users write, in declaration order. */
    public static final List<String> NAMES = List.of("plain", "fixup", "rezero", "skipinit");

    /** The lower-case name, e.g. {@code rezero}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The design called {@code label}. */
    public static ResidualDesign of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    /** The {@code residual} argument of a family ({@code plain} when it is not given). */
    static ResidualDesign read(Args a) {
        return of(a.choice("residual", "plain", NAMES.toArray(String[]::new)));
    }

    /**
     * The {@code norm} argument of a residual family: {@code dflt}, but {@code none} under fixup.
     */
    static Norm readNorm(Args a, ResidualDesign residual, String dflt, String... allowed) {
        return Norm.parse(a.choice("norm", residual == FIXUP ? "none" : dflt, allowed));
    }

    /**
     * The one rule residual families share: Fixup has no normalization.
     *
     * @throws IllegalArgumentException if {@code residual} is fixup and {@code norm} is not none
     */
    static void checkNorm(String family, ResidualDesign residual, Norm norm) {
        if (residual == FIXUP && norm != Norm.NONE) {
            throw new io.kindling.config.ArgumentException(
                    family,
                    "norm",
                    "cannot be used with residual=fixup: Fixup trains without normalization (its"
                            + " scalar biases and multiplier replace it); use norm=none, or"
                            + " residual=plain|rezero|skipinit with norm="
                            + norm.text(),
                    norm.text());
        }
    }

    /** Whether the block adds an activation after the sum. */
    public boolean activatesAfterSum() {
        return this == PLAIN || this == FIXUP;
    }

    /**
     * Adds one residual block named {@code name}, then the activation after the sum (if the design
     * has one) and the stream probe.
     *
     * @param layer adds weighted layer 1 or 2 of the branch, named {@code name.conv1} or so
     * @param norm {@code none}, {@code batch} or {@code layer}, after each weighted layer (ignored
     *     by fixup, which has none)
     * @param shortcut the projection, or null for the identity
     */
    void block(
            ModelBuilder b,
            String name,
            BiConsumer<ModelBuilder, Integer> layer,
            Norm norm,
            Activation act,
            Consumer<ModelBuilder> shortcut) {
        Consumer<ModelBuilder> branch =
                switch (this) {
                    case PLAIN ->
                            f -> {
                                layer.accept(f, 1);
                                f.then(Dense.norm(norm)).activate(act);
                                layer.accept(f, 2);
                                f.then(Dense.norm(norm));
                            };
                    case FIXUP ->
                            f -> {
                                f.then(Dense.scalar(name + ".bias1a", Role.BIAS));
                                layer.accept(f, 1);
                                f.then(Dense.scalar(name + ".bias1b", Role.BIAS))
                                        .activate(act)
                                        .then(Dense.scalar(name + ".bias2a", Role.BIAS));
                                layer.accept(f, 2);
                                f.then(Dense.scalar(name + ".scale", Role.SCALE))
                                        .then(Dense.scalar(name + ".bias2b", Role.BIAS));
                            };
                    case REZERO, SKIPINIT ->
                            f -> {
                                f.activate(act);
                                layer.accept(f, 1);
                                f.then(Dense.norm(norm)).activate(act);
                                layer.accept(f, 2);
                                f.then(Dense.norm(norm))
                                        .then(Dense.scalar(name + ".gate", Role.GATE));
                            };
                };
        b.residual(name, branch, shortcut);
        if (activatesAfterSum()) {
            b.activate(act);
        }
        b.stream(name);
    }

    /**
     * The classifier both residual families end with: a linear {@code head}, after Fixup's scalar
     * {@code head_bias} for this design (as in the paper's code).
     */
    ModelBuilder head(ModelBuilder b, int outputs) {
        if (this == FIXUP) {
            b.then(Dense.scalar("head_bias", Role.BIAS));
        }
        return b.then(Dense.linear("head", outputs, Activation.IDENTITY));
    }
}
