package io.kindling.data;

import io.kindling.config.Args;
import io.kindling.config.Registry;
import java.nio.file.Path;
import java.util.Locale;

/** The registry of datasets by name. */
public final class Datasets {

    /** Every dataset, e.g. {@code fashion-mnist(source=subset)}. */
    public static final Registry<DatasetSpec> REGISTRY = new Registry<DatasetSpec>("dataset")
            .register("fashion-mnist",
                    "Fashion-MNIST 28x28 clothing images, 10 classes; source=auto|full|subset",
                    Datasets::fashionMnist)
            .alias("fashion_mnist", "fashion-mnist");

    private Datasets() {}

    private static DatasetSpec fashionMnist(Args a) {
        String source = a.choice("source", "auto", "auto", "full", "subset");
        String dir = a.string("dir", null);
        return new FashionMnistSpec(FashionMnist.Source.valueOf(source.toUpperCase(Locale.ROOT)),
                dir == null ? null : Path.of(dir));
    }
}
