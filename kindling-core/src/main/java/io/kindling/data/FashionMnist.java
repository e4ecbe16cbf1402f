package io.kindling.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Fashion-MNIST (Xiao, Rasul &amp; Vollgraf 2017): 28×28 grey images of 10 kinds of clothing, read
 * either as the full set (60,000 / 10,000, from a folder of IDX files) or as the stratified subset
 * shipped on the classpath (6,000 / 1,000, 600 and 100 per class).
 *
 * <p>The full set is looked for in the folder given by the caller, then in {@value #DIR_ENV}, then
 * where Debian's {@code dataset-fashion-mnist} package put it.
 */
public final class FashionMnist {

    /** Which copy to load. */
    public enum Source {
        /** The full set if one is found, else the shipped subset. */
        AUTO,
        /** The full set; an error if none is found. */
        FULL,
        /** The shipped subset (any folder given is ignored). */
        SUBSET
    }

    /** The dataset's name. */
    public static final String NAME = "fashion-mnist";

    /** Environment variable naming a folder of the full set's four IDX files. */
    public static final String DIR_ENV = "KINDLING_FASHION_MNIST_DIR";

    /** Class names in label order. */
    public static final List<String> CLASS_NAMES =
            List.of(
                    "T-shirt/top",
                    "Trouser",
                    "Pullover",
                    "Dress",
                    "Coat",
                    "Sandal",
                    "Shirt",
                    "Sneaker",
                    "Bag",
                    "Ankle boot");

    /** The subset's folder, relative to this class's package on the classpath. */
    static final String SUBSET_FOLDER = "fashion-mnist-subset/";

    private FashionMnist() {}

    /**
     * Loads Fashion-MNIST.
     *
     * @param source which copy
     * @param dirOverride a folder holding the full set's IDX files, or null to search
     * @return both splits
     * @throws DataException if the full set is required but not found, or a file is bad
     */
    public static ImageClassificationData load(Source source, Path dirOverride) {
        return load(source, FullSetLocator.system(dirOverride));
    }

    static ImageClassificationData load(Source source, FullSetLocator locator) {
        if (source == Source.SUBSET) {
            return loadSubset();
        }
        var dir = locator.find();
        if (dir.isPresent()) {
            return loadFull(dir.get());
        }
        if (source == Source.AUTO) {
            return loadSubset();
        }
        throw new DataException(
                "Full Fashion-MNIST not found (looked at "
                        + String.join(", ", locator.searched())
                        + "); install it with"
                        + " 'sudo apt-get install dataset-fashion-mnist', or set "
                        + DIR_ENV
                        + " to a folder holding its four IDX files, or use source=subset");
    }

    /**
     * Loads the four IDX files in {@code dir} ({@code train-images-idx3-ubyte.gz} and so on;
     * gzipped or not).
     *
     * @param dir the folder
     * @return both splits, with {@code source} naming the folder
     */
    public static ImageClassificationData loadFull(Path dir) {
        Path abs = dir.toAbsolutePath();
        return assemble(
                name -> IdxReader.read(FullSetLocator.file(abs, name)),
                name -> FullSetLocator.file(abs, name).toString(),
                abs + " (full, %d/%d)");
    }

    /** Loads the subset shipped on the classpath. */
    public static ImageClassificationData loadSubset() {
        return assemble(
                FashionMnist::readResource, FashionMnist::resourceName, "shipped subset (%d/%d)");
    }

    private static IdxArray readResource(String name) {
        String where = resourceName(name);
        try (InputStream in =
                FashionMnist.class.getResourceAsStream(SUBSET_FOLDER + name + ".gz")) {
            if (in == null) {
                throw new DataException(
                        "The shipped Fashion-MNIST subset is missing from the"
                                + " classpath: no "
                                + where);
            }
            return IdxReader.read(where, in);
        } catch (IOException e) {
            throw new DataException("Cannot read " + where + ": " + e.getMessage(), e);
        }
    }

    private static String resourceName(String name) {
        return "classpath:"
                + FashionMnist.class.getPackageName().replace('.', '/')
                + "/"
                + SUBSET_FOLDER
                + name
                + ".gz";
    }

    /**
     * Reads the four files by base name and checks they fit together.
     *
     * @param reader reads one file
     * @param namer names one file in messages
     * @param sourceFormat the {@code source} text, with the train and test counts to fill in
     */
    private static ImageClassificationData assemble(
            Function<String, IdxArray> reader, UnaryOperator<String> namer, String sourceFormat) {
        List<String> f = FullSetLocator.FILES;
        IdxArray trainImages = images(reader.apply(f.get(0)), namer.apply(f.get(0)));
        IdxArray trainLabels =
                labels(
                        reader.apply(f.get(1)),
                        namer.apply(f.get(1)),
                        trainImages,
                        namer.apply(f.get(0)));
        IdxArray testImages = images(reader.apply(f.get(2)), namer.apply(f.get(2)));
        IdxArray testLabels =
                labels(
                        reader.apply(f.get(3)),
                        namer.apply(f.get(3)),
                        testImages,
                        namer.apply(f.get(2)));
        if (testImages.dim(1) != trainImages.dim(1) || testImages.dim(2) != trainImages.dim(2)) {
            throw new DataException(
                    "Image sizes differ: "
                            + namer.apply(f.get(0))
                            + " has "
                            + trainImages.dim(1)
                            + "x"
                            + trainImages.dim(2)
                            + ", "
                            + namer.apply(f.get(2))
                            + " has "
                            + testImages.dim(1)
                            + "x"
                            + testImages.dim(2));
        }
        String source = String.format(sourceFormat, trainImages.dim(0), testImages.dim(0));
        return new ImageClassificationData(
                NAME,
                trainImages.dim(1),
                trainImages.dim(2),
                CLASS_NAMES.size(),
                CLASS_NAMES,
                trainImages.data(),
                trainLabels.data(),
                testImages.data(),
                testLabels.data(),
                source);
    }

    private static IdxArray images(IdxArray a, String where) {
        if (a.rank() != 3 || a.dim(1) == 0 || a.dim(2) == 0) {
            throw new DataException(
                    "Bad image file "
                            + where
                            + ": expected dimensions"
                            + " count x height x width, got "
                            + a.shapeText());
        }
        return a;
    }

    private static IdxArray labels(IdxArray a, String where, IdxArray images, String imagesWhere) {
        if (a.rank() != 1) {
            throw new DataException(
                    "Bad label file "
                            + where
                            + ": expected one dimension,"
                            + " got "
                            + a.shapeText());
        }
        if (a.dim(0) != images.dim(0)) {
            throw new DataException(
                    "Bad label file "
                            + where
                            + ": "
                            + a.dim(0)
                            + " labels for"
                            + " the "
                            + images.dim(0)
                            + " images of "
                            + imagesWhere);
        }
        ImageClassificationData.checkLabels(where, a.data(), CLASS_NAMES.size());
        return a;
    }
}
