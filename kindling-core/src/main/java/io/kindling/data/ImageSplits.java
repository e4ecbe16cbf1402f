package io.kindling.data;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;

/**
 * Images with their training split divided into training and validation rows; the test split is the
 * original one.
 *
 * @param data the images
 * @param trainRows rows of {@code data}'s training split used for training
 * @param validationRows rows of {@code data}'s training split held out for validation
 */
public record ImageSplits(ImageClassificationData data, int[] trainRows, int[] validationRows)
        implements Dataset {

    public ImageSplits {
        trainRows = Splits.checkRows(trainRows, validationRows, data.trainSize());
    }

    @Override
    public String name() {
        return data.name();
    }

    @Override
    public int features() {
        return data.features();
    }

    @Override
    public int classes() {
        return data.classes();
    }

    @Override
    public List<String> classNames() {
        return data.classNames();
    }

    @Override
    public String source() {
        return data.source()
                + ", "
                + trainRows.length
                + " train / "
                + validationRows.length
                + " validation rows of its training split";
    }

    @Override
    public int trainSize() {
        return trainRows.length;
    }

    @Override
    public int testSize() {
        return data.testSize();
    }

    @Override
    public int validationSize() {
        return validationRows.length;
    }

    @Override
    public int[] trainTargets() {
        byte[] all = data.trainLabels();
        int[] labels = new int[trainRows.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = all[trainRows[i]] & 0xFF;
        }
        return labels;
    }

    @Override
    public TensorDataset train(NDManager manager) {
        return rows(trainRows, manager);
    }

    @Override
    public TensorDataset test(NDManager manager) {
        return data.test(manager);
    }

    @Override
    public TensorDataset validation(NDManager manager) {
        return rows(validationRows, manager);
    }

    @Override
    public Dataset withValidation(int[] train, int[] validation) {
        return new ImageSplits(
                data, Splits.map(trainRows, train), Splits.map(trainRows, validation));
    }

    @Override
    public Standardization fitStandardization() {
        return Standardization.fit(gather(trainRows));
    }

    @Override
    public Map<String, Object> preprocessing() {
        return Map.of();
    }

    @Override
    public int[] imageShape() {
        return data.imageShape();
    }

    private TensorDataset rows(int[] rows, NDManager manager) {
        byte[] all = data.trainLabels();
        byte[] labels = new byte[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = all[rows[i]];
        }
        return TensorDataset.of(gather(rows), labels, data.features(), data.classes(), manager);
    }

    private byte[] gather(int[] rows) {
        int n = data.features();
        byte[] out = new byte[rows.length * n];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(data.trainImages(), rows[i] * n, out, i * n, n);
        }
        return out;
    }
}
