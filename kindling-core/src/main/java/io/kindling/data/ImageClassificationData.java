package io.kindling.data;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;

/**
 * A grey-scale image classification dataset held in Java memory: a training and a test split, each
 * as images (unsigned bytes, {@code N×height×width}, row-major) and labels (unsigned bytes, {@code
 * N}, each below {@code classes}).
 *
 * <p>The byte arrays are shared, not copied (the full Fashion-MNIST training images are 47 MB);
 * treat them as read-only.
 *
 * @param name the dataset's name, e.g. {@code fashion-mnist}
 * @param height image height in pixels
 * @param width image width in pixels
 * @param classes number of classes
 * @param classNames one name per class, in label order
 * @param trainImages training images
 * @param trainLabels training labels
 * @param testImages test images
 * @param testLabels test labels
 * @param source where the data came from, e.g. {@code shipped subset (6000/1000)}
 */
public record ImageClassificationData(
        String name,
        int height,
        int width,
        int classes,
        List<String> classNames,
        byte[] trainImages,
        byte[] trainLabels,
        byte[] testImages,
        byte[] testLabels,
        String source)
        implements Dataset {

    /** Checks that every image has a label and every label names a class. */
    public ImageClassificationData {
        if (height <= 0 || width <= 0 || classes <= 0 || classes > 256) {
            throw new IllegalArgumentException(
                    "bad dataset geometry: "
                            + height
                            + "x"
                            + width
                            + " images, "
                            + classes
                            + " classes");
        }
        classNames = List.copyOf(classNames);
        if (classNames.size() != classes) {
            throw new IllegalArgumentException(
                    classes + " classes but " + classNames.size() + " class names");
        }
        checkSplit(name + " training split", trainImages, trainLabels, height * width, classes);
        checkSplit(name + " test split", testImages, testLabels, height * width, classes);
    }

    /** Number of training examples. */
    @Override
    public int trainSize() {
        return trainLabels.length;
    }

    /** Number of test examples. */
    @Override
    public int testSize() {
        return testLabels.length;
    }

    /** Pixels per image, {@code height × width}. */
    @Override
    public int features() {
        return height * width;
    }

    @Override
    public int validationSize() {
        return 0;
    }

    @Override
    public int[] trainTargets() {
        int[] t = new int[trainLabels.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = trainLabels[i] & 0xFF;
        }
        return t;
    }

    @Override
    public TensorDataset train(NDManager manager) {
        return TensorDataset.of(trainImages, trainLabels, features(), classes, manager);
    }

    @Override
    public TensorDataset test(NDManager manager) {
        return TensorDataset.of(testImages, testLabels, features(), classes, manager);
    }

    @Override
    public TensorDataset validation(NDManager manager) {
        return null;
    }

    @Override
    public Dataset withValidation(int[] trainRows, int[] validationRows) {
        return new ImageSplits(this, trainRows, validationRows);
    }

    @Override
    public Standardization fitStandardization() {
        return Standardization.fit(trainImages);
    }

    @Override
    public Map<String, Object> preprocessing() {
        return Map.of();
    }

    @Override
    public int[] imageShape() {
        return new int[] {height, width};
    }

    @Override
    public String toString() {
        return name
                + " "
                + height
                + "x"
                + width
                + ", "
                + classes
                + " classes, "
                + trainSize()
                + " train / "
                + testSize()
                + " test, from "
                + source;
    }

    private static void checkSplit(
            String split, byte[] images, byte[] labels, int pixels, int classes) {
        if ((long) labels.length * pixels != images.length) {
            throw new DataException(
                    "The "
                            + split
                            + " has "
                            + labels.length
                            + " labels but "
                            + images.length
                            + " image bytes; "
                            + pixels
                            + " per image would need "
                            + (long) labels.length * pixels);
        }
        checkLabels(split, labels, classes);
    }

    /**
     * Throws if any label is {@code >= classes}.
     *
     * @param where the labels' file or split, for the message
     */
    static void checkLabels(String where, byte[] labels, int classes) {
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i] & 0xFF;
            if (label >= classes) {
                throw new DataException(
                        "Bad label in "
                                + where
                                + ": label "
                                + label
                                + " at index "
                                + i
                                + " is not below the "
                                + classes
                                + " classes");
            }
        }
    }
}
