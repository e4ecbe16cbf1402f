package io.kindling.nn;

import static io.kindling.config.ArgumentException.require;

import io.kindling.config.Args;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;

/**
 * A residual network for small images in the CIFAR layout of He et al., with the block design
 * chosen by {@code residual} (see {@link ResidualDesign}):
 *
 * <pre>
 * image → stem: conv 3×3 pad 1, width → [bn] → act
 *       → stage 1 … stage S, each a run of residual blocks stage{s}.block{b}
 *         (conv1 3×3 pad 1 → … → conv2 3×3 pad 1, both width·2^(s−1) channels)
 *       → global average pool → [head_bias (fixup)] → head (classes)
 * </pre>
 *
 * The {@code blocks} are split over the stages, the remainder going to the earliest. The first
 * block of every stage after the first halves the resolution (stride 2 in its conv1) and has a
 * projection shortcut {@code stage{s}.block1.shortcut}: a 1×1 conv with stride 2 → [bn]. Convs
 * (stem, branches, shortcuts) have a bias iff {@code norm=none} and the design is not fixup, whose
 * scalar biases take their place. Every conv records the family's activation as the one that
 * follows it (as torchvision's He init assumes); the stem and head record stage 0.
 *
 * <p>He, Zhang, Ren &amp; Sun, "Deep Residual Learning for Image Recognition", CVPR 2016,
 * arXiv:1512.03385 (§4.2, CIFAR-10: 6n+2 layers, n = blocks/3). Example: {@code resnet(blocks=9,
 * width=16, norm=batch, residual=plain)} is ResNet-20; {@code resnet(blocks=27, norm=none,
 * residual=fixup)} trains without normalization under {@code --init fixup}.
 *
 * @param blocks residual blocks in all (≥ stages)
 * @param width channels of the stem and the first stage
 * @param norm {@code none} or {@code batch} (not batch with fixup)
 * @param residual the block design
 * @param activation the nonlinearity
 * @param stages number of resolution levels
 */
public record ResNet(
        int blocks,
        int width,
        Norm norm,
        ResidualDesign residual,
        Activation activation,
        int stages)
        implements ModelSpec {

    public ResNet {
        require(stages >= 1, "resnet", "stages", ">= 1", stages);
        require(width >= 1, "resnet", "width", ">= 1", width);
        require(
                blocks >= stages,
                "resnet",
                "blocks",
                "at least stages="
                        + stages
                        + " (every stage needs a block); raise blocks or lower stages",
                blocks);
        require(
                norm == Norm.NONE || norm == Norm.BATCH,
                "resnet",
                "norm",
                "none or batch",
                norm.text());
        ResidualDesign.checkNorm("resnet", residual, norm);
    }

    /** What {@code kindling models} says about the family. */
    public static final String SUMMARY =
            "residual CNN (He et al. 2016) in stages; residual=plain, fixup, rezero or skipinit";

    /** Reads {@code resnet(...)}; every default is here and every rule in the constructor. */
    public static ResNet fromArgs(Args a) {
        int blocks = a.integer("blocks", 9);
        int width = a.integer("width", 16);
        ResidualDesign residual = ResidualDesign.read(a);
        Norm norm = ResidualDesign.readNorm(a, residual, "batch", "none", "batch");
        Activation activation = Activations.read(a, "relu");
        return new ResNet(blocks, width, norm, residual, activation, a.integer("stages", 3));
    }

    @Override
    public Model build(InputShape input, int outputs) {
        ModelBuilder b = new ModelBuilder(this, input).then(Convolution.images());
        boolean bias = norm == Norm.NONE && residual != ResidualDesign.FIXUP;
        b.then(Convolution.conv("stem", width, 3, 1, 1, 1, bias, activation))
                .then(Dense.norm(norm))
                .activate(activation);
        int[] perStage = Stages.split(blocks, stages);
        for (int s = 1; s <= stages; s++) {
            b.stage(s);
            int w = Stages.width(width, s);
            for (int k = 1; k <= perStage[s - 1]; k++) {
                String name = "stage" + s + ".block" + k;
                int stride = s > 1 && k == 1 ? 2 : 1;
                residual.block(
                        b,
                        name,
                        (f, i) ->
                                f.then(
                                        Convolution.conv(
                                                name + ".conv" + i,
                                                w,
                                                3,
                                                i == 1 ? stride : 1,
                                                1,
                                                1,
                                                bias,
                                                activation)),
                        norm,
                        activation,
                        stride == 1
                                ? null
                                : f ->
                                        f.then(
                                                        Convolution.conv(
                                                                name + ".shortcut",
                                                                w,
                                                                1,
                                                                stride,
                                                                0,
                                                                1,
                                                                bias,
                                                                activation))
                                                .then(Dense.norm(norm)));
            }
        }
        b.stage(0).then(Convolution.globalAvgPool());
        return residual.head(b, outputs).build();
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("resnet")
                .arg("blocks", blocks)
                .arg("width", width)
                .arg("norm", norm.text())
                .arg("residual", residual.label())
                .arg("activation", activation)
                .arg("stages", stages)
                .build();
    }
}
