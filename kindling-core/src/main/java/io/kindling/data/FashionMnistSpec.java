package io.kindling.data;

import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Fashion-MNIST (Xiao, Rasul &amp; Vollgraf 2017, arXiv:1708.07747): 28×28 grey images of 10 kinds
 * of clothing. {@code source=auto} uses the full set (60,000 / 10,000) where it is installed and
 * the shipped stratified subset (6,000 / 1,000) otherwise; {@code full} and {@code subset} force
 * one. {@code dir} points at a folder of the four IDX files.
 *
 * <p>Example: {@code fashion-mnist(source=full, dir='/data/fmnist')}.
 *
 * @param source auto, full or subset
 * @param dir folder holding the IDX files, or null to search
 */
public record FashionMnistSpec(FashionMnist.Source source, Path dir) implements DatasetSpec {

    @Override
    public ImageClassificationData load() {
        return FashionMnist.load(source, dir);
    }

    @Override
    public Call toExpr() {
        CallBuilder b =
                CallBuilder.call("fashion-mnist")
                        .arg("source", source.name().toLowerCase(Locale.ROOT));
        if (dir != null) {
            b.argQuoted("dir", dir.toString());
        }
        return b.build();
    }
}
