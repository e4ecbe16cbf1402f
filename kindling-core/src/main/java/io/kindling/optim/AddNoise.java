package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.engine.Scalars;
import java.util.List;

/**
 * Annealed Gaussian gradient noise, Neelakantan et al., "Adding Gradient Noise Improves Learning
 * for Very Deep Networks", 2015 (arXiv:1511.06807):
 *
 * <pre>
 * u ← u + N(0, σₜ²),   σₜ² = η / (1 + t)^γ
 * </pre>
 *
 * <p>with {@code t} this transform's 0-based step count (the first update uses {@code σ² = η}). The
 * noise comes from the engine's generator, so {@code io.kindling.engine.Compute.seed} makes it
 * reproducible; it is drawn as a standard normal and multiplied by σₜ, so σₜ keeps full precision
 * for float64 updates.
 *
 * <p>Example: {@code chain(transforms=[add_noise(eta=0.01, gamma=0.55), sgd(lr=0.1)])}.
 *
 * @param eta η ≥ 0, the initial variance (the paper uses 0.01, 0.3 or 1)
 * @param gamma γ ≥ 0, the decay exponent (the paper uses 0.55)
 */
public record AddNoise(double eta, double gamma) implements StatelessTransform {

    public AddNoise {
        if (!(eta >= 0) || !(gamma >= 0)) {
            throw new IllegalArgumentException(
                    "add_noise needs eta >= 0 and gamma >= 0, got " + eta + ", " + gamma);
        }
    }

    /** σₜ for the 0-based step {@code t}. */
    public double stddev(long t) {
        return Math.sqrt(eta / Math.pow(1 + t, gamma));
    }

    @Override
    public void update(NDArray[] updates, TransformState state, List<NDArray> params) {
        if (updates.length == 0) {
            return;
        }
        try (NDArray sigma = Scalars.like(updates[0], stddev(state.count()))) {
            for (int i = 0; i < updates.length; i++) {
                NDArray u = updates[i];
                try (NDArray noise =
                        u.getManager().randomNormal(0, 1, u.getShape(), u.getDataType())) {
                    updates[i] = u.add(noise.muli(sigma));
                }
            }
        }
        state.advance();
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("add_noise").arg("eta", eta).arg("gamma", gamma).build();
    }
}
