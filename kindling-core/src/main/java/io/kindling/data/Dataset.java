package io.kindling.data;

import ai.djl.ndarray.NDManager;
import io.kindling.nn.InputShape;
import java.util.List;
import java.util.Map;

/**
 * A classification dataset as the trainer sees it: a training split, a test split and an optional
 * validation split held out of the training data, each turned into engine arrays on demand. Images
 * ({@link ImageClassificationData}) and tables ({@code csv(...)}) both are one.
 *
 * <p>Anything fitted to data (imputation values, normalization) is fitted on the training split
 * only and applied unchanged to the other splits, and {@link #preprocessing()} records it so the
 * run folder can save it.
 */
public interface Dataset {

    /** The dataset's name, e.g. {@code fashion-mnist}. */
    String name();

    /** Inputs per example (pixels, or columns after one-hot encoding). */
    int features();

    /** Number of classes. */
    int classes();

    /**
     * Values the model must output per example: the number of classes for classification (the
     * default); a regression or sequence dataset says its own.
     */
    default int outputs() {
        return classes();
    }

    /**
     * What the targets are, which decides the task ({@code io.kindling.task.Tasks#forData}): class
     * labels by default.
     */
    default TargetKind targetKind() {
        return TargetKind.CLASSES;
    }

    /** One name per class, in label order. */
    List<String> classNames();

    /** Where the data came from, for provenance. */
    String source();

    /** Examples in the training split. */
    int trainSize();

    /** Examples in the test split. */
    int testSize();

    /** Examples in the validation split (0 when there is none). */
    int validationSize();

    /** The training split's labels (class indices) in row order, for stratified splits. */
    int[] trainTargets();

    /** The training split as engine arrays owned by {@code manager}. */
    TensorDataset train(NDManager manager);

    /** The test split as engine arrays owned by {@code manager}. */
    TensorDataset test(NDManager manager);

    /** The validation split as engine arrays, or null when there is none. */
    TensorDataset validation(NDManager manager);

    /**
     * This dataset with its training split divided in two: {@code trainRows} stay for training and
     * {@code validationRows} are held out for validation; the test split is unchanged. Both index
     * the current training split. Whatever is fitted to data is refitted on {@code trainRows} only.
     */
    Dataset withValidation(int[] trainRows, int[] validationRows);

    /**
     * One global mean and std over the training split's inputs (the {@code standardize} option).
     */
    Standardization fitStandardization();

    /** What preprocessing did and the values it fitted, as JSON-ready values (may be empty). */
    Map<String, Object> preprocessing();

    /** {@code (height, width)} for images (what augmentation needs), or null for tables. */
    int[] imageShape();

    /**
     * What one example looks like to a model: a grayscale image for image data (IDX images have one
     * channel), a row of {@link #features()} values for tables.
     */
    default InputShape inputShape() {
        int[] image = imageShape();
        return image == null
                ? InputShape.flat(features())
                : InputShape.image(1, image[0], image[1]);
    }
}
