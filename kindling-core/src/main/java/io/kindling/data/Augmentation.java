package io.kindling.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.config.Expressible;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded augmentation of a batch of grey images flattened row-major, {@code x} of shape {@code (B,
 * H·W)}, applied per training step before the forward pass. Each example goes through, in this
 * order:
 *
 * <pre>
 * crop       pad=P:       zero-pad by P on every side, take the H×W window at (top, left),
 *                         top, left ~ U{0, …, 2P}:   c(r, q) = x(r + top − P, q + left − P)
 * flip       flip=p:      with probability p mirror the columns:   f(r, q) = c(r, W − 1 − q)
 * translate  translate=T: shift by dy, dx ~ U{−T, …, T}:   t(r, q) = f(r − dy, q − dx)
 * noise      noise=σ:     out = t + ε,  ε ~ N(0, σ²) per pixel
 * </pre>
 *
 * <p>Pixels read from outside the image are 0 in the units of {@code x}: black for pixels in [0,
 * 1], but the mean pixel for standardized inputs (where black is −mean/std). Crop, flip and
 * translate are torchvision's {@code RandomCrop(size, padding=P)}, {@code RandomHorizontalFlip(p)}
 * and an integer-pixel {@code RandomAffine(0, translate=…)}, composed as {@code
 * Compose([RandomCrop, RandomHorizontalFlip, RandomAffine])}: pad and translate compose (crop
 * first, then translate), so together they can move content by up to {@code P + T} pixels. Padding
 * by 4 and cropping, with horizontal flips, is the CIFAR recipe of He, Zhang, Ren, Sun 2016, "Deep
 * Residual Learning for Image Recognition" (arXiv:1512.03385), after Krizhevsky, Sutskever, Hinton
 * 2012 (ImageNet); training with additive Gaussian input noise is Tikhonov regularization to first
 * order (Bishop 1995, "Training with Noise is Equivalent to Tikhonov Regularization", Neural
 * Computation 7(1)).
 *
 * <p>Randomness: the per-example offsets, flips and shifts come from {@code SplittableRandom(seed)}
 * alone (one split stream per part, so turning one part on does not change another's draws); the
 * noise comes from the engine generator, which the trainer seeds every step. The geometric parts
 * run as a single engine gather over an index map built in Java; no pixel value crosses into Java.
 *
 * <p>Example: {@code augment(pad=4, flip=0.5)}. Every argument defaults to 0 (off); with everything
 * off {@link #apply} returns its input itself.
 *
 * @param pad zero padding P on each side before the random crop, an integer ≥ 0
 * @param flip probability of a horizontal flip, in [0, 1]
 * @param translate largest shift T in pixels along each axis, an integer ≥ 0
 * @param noise standard deviation σ of the additive Gaussian noise, ≥ 0
 */
public record Augmentation(int pad, double flip, int translate, double noise)
        implements Expressible {

    /** No augmentation: {@link #apply} returns its input. */
    public static final Augmentation NONE = new Augmentation(0, 0, 0, 0);

    /**
     * The random choices for one example.
     *
     * @param top crop row offset in the padded image, in {@code [0, 2P]}
     * @param left crop column offset in the padded image, in {@code [0, 2P]}
     * @param flipped whether the columns are mirrored
     * @param dy downward shift, in {@code [−T, T]}
     * @param dx rightward shift, in {@code [−T, T]}
     */
    record Draw(int top, int left, boolean flipped, int dy, int dx) {}

    /** Checks every value; the image-size bounds are checked by {@link #checkFits}. */
    public Augmentation {
        if (pad < 0) {
            throw new IllegalArgumentException("augment pad=" + pad + " must be an integer >= 0");
        }
        if (!(flip >= 0 && flip <= 1)) {
            throw new IllegalArgumentException(
                    "augment flip=" + flip + " must be a probability in [0, 1]");
        }
        if (translate < 0) {
            throw new IllegalArgumentException(
                    "augment translate=" + translate + " must be an integer >= 0");
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException(
                    "augment noise=" + noise + " must be a finite standard deviation >= 0");
        }
    }

    /** Whether this augmentation changes nothing (every part off). */
    public boolean isIdentity() {
        return !isGeometric() && noise == 0;
    }

    /**
     * Checks that pad and translate are smaller than the image, so that a run fails at its start
     * rather than at its first step.
     *
     * @throws IllegalArgumentException naming the value and the image size
     */
    public void checkFits(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "image size must be at least 1x1, got " + height + "x" + width);
        }
        int side = Math.min(height, width);
        if (pad >= side) {
            throw new IllegalArgumentException(
                    "augment pad="
                            + pad
                            + " must be < the image's"
                            + " smaller side "
                            + side
                            + " (image "
                            + height
                            + "x"
                            + width
                            + ")");
        }
        if (translate >= side) {
            throw new IllegalArgumentException(
                    "augment translate="
                            + translate
                            + " must be <"
                            + " the image's smaller side "
                            + side
                            + " (image "
                            + height
                            + "x"
                            + width
                            + ")");
        }
    }

    /**
     * Augments a batch.
     *
     * @param x float images {@code (B, height·width)}, flattened row-major; not modified
     * @param height image rows H
     * @param width image columns W
     * @param seed the step's seed for the per-example offsets, flips and shifts
     * @return a new array of the same shape and type in {@code x}'s manager, or {@code x} itself
     *     when {@link #isIdentity()}
     * @throws IllegalArgumentException if {@code x} is not {@code (B, H·W)} or the image is too
     *     small for pad or translate
     */
    public NDArray apply(NDArray x, int height, int width, long seed) {
        int batch = checkBatch(x, height, width);
        return apply(x, height, width, isGeometric() ? draws(batch, seed) : List.of());
    }

    /** {@link #apply(NDArray, int, int, long)} with the per-example choices given. */
    NDArray apply(NDArray x, int height, int width, List<Draw> draws) {
        int batch = checkBatch(x, height, width);
        if (isIdentity()) {
            return x;
        }
        NDArray out = x;
        if (isGeometric()) {
            if (draws.size() != batch) {
                throw new IllegalArgumentException(draws.size() + " draws for a batch of " + batch);
            }
            out = gather(x, ImageWarp.indexMap(height, width, pad, draws));
        }
        if (noise > 0) {
            try (NDArray eps =
                    x.getManager()
                            .randomNormal(
                                    0f,
                                    (float) noise,
                                    x.getShape(),
                                    x.getDataType(),
                                    x.getDevice())) {
                out = out == x ? x.add(eps) : out.addi(eps);
            }
        }
        return out;
    }

    /** The per-example choices {@link #apply(NDArray, int, int, long)} makes for {@code seed}. */
    List<Draw> draws(int batch, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom crops = root.split();
        SplittableRandom flips = root.split();
        SplittableRandom shifts = root.split();
        Draw[] out = new Draw[batch];
        for (int b = 0; b < batch; b++) {
            int top = pad == 0 ? 0 : crops.nextInt(2 * pad + 1);
            int left = pad == 0 ? 0 : crops.nextInt(2 * pad + 1);
            // nextDouble is in [0, 1), so p = 0 never flips and p = 1 always does.
            boolean flipped = flip > 0 && flips.nextDouble() < flip;
            int dy = translate == 0 ? 0 : shifts.nextInt(2 * translate + 1) - translate;
            int dx = translate == 0 ? 0 : shifts.nextInt(2 * translate + 1) - translate;
            out[b] = new Draw(top, left, flipped, dy, dx);
        }
        return List.of(out);
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("augment")
                .arg("pad", pad)
                .arg("flip", flip)
                .arg("translate", translate)
                .arg("noise", noise)
                .build();
    }

    private boolean isGeometric() {
        return pad > 0 || flip > 0 || translate > 0;
    }

    private int checkBatch(NDArray x, int height, int width) {
        Shape shape = x.getShape();
        if (shape.dimension() != 2 || shape.get(1) != (long) height * width) {
            throw new IllegalArgumentException(
                    "augment needs images (B, "
                            + height
                            + "*"
                            + width
                            + ") = (B, "
                            + (long) height * width
                            + "), got shape "
                            + shape);
        }
        checkFits(height, width);
        return Math.toIntExact(shape.get(0));
    }

    /**
     * Gathers {@code x} through the index map with one zero column appended, which the map points
     * at for every pixel read from outside the image.
     */
    private static NDArray gather(NDArray x, long[] indexMap) {
        NDManager manager = x.getManager();
        long batch = x.getShape().get(0);
        long pixels = x.getShape().get(1);
        try (NDArray zero = manager.zeros(new Shape(batch, 1), x.getDataType(), x.getDevice());
                NDArray padded = x.concat(zero, 1);
                NDArray index = manager.create(indexMap, new Shape(batch, pixels))) {
            return padded.gather(index, 1);
        }
    }
}
