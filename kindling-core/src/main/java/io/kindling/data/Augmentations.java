package io.kindling.data;

import io.kindling.config.Args;
import io.kindling.config.Registry;

/** The registry of training-time image augmentations. */
public final class Augmentations {

    /** e.g. {@code augment(pad=4, flip=0.5)}; see {@link Augmentation}. */
    public static final Registry<Augmentation> REGISTRY =
            new Registry<Augmentation>("augmentation")
                    .register(
                            "augment",
                            "seeded per-step image augmentation:"
                                    + " pad=P random crop with zero padding (torchvision RandomCrop), flip=p"
                                    + " horizontal flip, translate=T integer shift in [-T, T], noise=sigma"
                                    + " Gaussian noise; all default 0 (off)",
                            Augmentations::augment);

    private Augmentations() {}

    private static Augmentation augment(Args a) {
        int pad = a.nonNegativeInt("pad", 0);
        double flip = a.inRange("flip", 0, 0, 1);
        int translate = a.nonNegativeInt("translate", 0);
        double noise = a.nonNegative("noise", 0);
        return new Augmentation(pad, flip, translate, noise);
    }
}
