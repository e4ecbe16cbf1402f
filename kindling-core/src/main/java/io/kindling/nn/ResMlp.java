package io.kindling.nn;

import static io.kindling.config.ArgumentException.require;

import io.kindling.config.Args;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import java.util.Objects;

/**
 * A residual MLP on rows (images are flattened first), the block designs of {@link ResNet} with
 * linear layers in place of convs, for studying depth on tables and flattened images:
 *
 * <pre>
 * rows → stem: linear width → act
 *      → block1 … blockB, each y = F(x) + x with F around fc1, fc2 (width units each)
 *      → [head_bias (fixup)] → head (classes)
 * </pre>
 *
 * The branch F follows {@code residual} (see {@link ResidualDesign}): {@code plain} fc1 → [norm] →
 * act → fc2 → [norm], act after the sum; {@code fixup} the scalar biases and multiplier around fc1
 * and fc2, no norm, act after the sum; {@code rezero} and {@code skipinit} the pre-activation
 * branch act → fc1 → [norm] → act → fc2 → [norm] → gate, nothing after the sum. Linear layers
 * always have a bias (PyTorch's default). Shortcuts are identities (every block has the same
 * width).
 *
 * <p>The residual MLP of the Fixup paper's ablations and of ReZero's; Zhang, Dauphin &amp; Ma 2019,
 * arXiv:1901.09321; Bachlechner et al. 2020, arXiv:2003.04887. Example: {@code resmlp(blocks=16,
 * width=128, residual=rezero)}.
 *
 * @param blocks residual blocks (≥ 1)
 * @param width units of the stem and of every block layer
 * @param norm {@code none}, {@code batch} or {@code layer} (none with fixup)
 * @param residual the block design
 * @param activation the nonlinearity
 */
public record ResMlp(
        int blocks, int width, Norm norm, ResidualDesign residual, Activation activation)
        implements ModelSpec {

    public ResMlp {
        require(blocks >= 1, "resmlp", "blocks", ">= 1", blocks);
        require(width >= 1, "resmlp", "width", ">= 1", width);
        Objects.requireNonNull(norm, "norm");
        ResidualDesign.checkNorm("resmlp", residual, norm);
    }

    /** What {@code kindling models} says about the family. */
    public static final String SUMMARY =
            "residual MLP on rows; residual=plain, fixup, rezero or skipinit";

    /** Reads {@code resmlp(...)}; every default is here and every rule in the constructor. */
    public static ResMlp fromArgs(Args a) {
        int blocks = a.integer("blocks", 8);
        int width = a.integer("width", 64);
        ResidualDesign residual = ResidualDesign.read(a);
        Norm norm = ResidualDesign.readNorm(a, residual, "none", "none", "batch", "layer");
        return new ResMlp(blocks, width, norm, residual, Activations.read(a, "relu"));
    }

    @Override
    public Model build(InputShape input, int outputs) {
        ModelBuilder b = new ModelBuilder(this, input).then(Dense.flatten());
        b.then(Dense.linear("stem", width, activation)).activate(activation);
        for (int k = 1; k <= blocks; k++) {
            String name = "block" + k;
            residual.block(
                    b,
                    name,
                    (f, i) -> f.then(Dense.linear(name + ".fc" + i, width, activation)),
                    norm,
                    activation,
                    null);
        }
        return residual.head(b, outputs).build();
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("resmlp")
                .arg("blocks", blocks)
                .arg("width", width)
                .arg("norm", norm.text())
                .arg("residual", residual.label())
                .arg("activation", activation)
                .build();
    }
}
