package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.engine.Scalars;
import java.util.List;

/**
 * RMSprop's normalization with {@code torch.optim.RMSprop}'s exact arithmetic:
 *
 * <pre>
 * sₜ = α·sₜ₋₁ + (1 − α)·g²
 * aₜ = α·aₜ₋₁ + (1 − α)·g                      (centered only)
 * d  = √(sₜ − aₜ²) + ε   if centered, else √sₜ + ε
 * bₜ = μ·bₜ₋₁ + g / d;   u = bₜ                 (momentum μ &gt; 0)
 * u  = g / d                                    (μ = 0)
 * </pre>
 *
 * <p>No bias correction, ε outside the root, and the momentum buffer accumulates the normalized
 * gradient (so {@code scale(-lr)} after it gives torch's {@code p ← p − lr·b}). Centered form:
 * Graves, "Generating Sequences With Recurrent Neural Networks", 2013, arXiv:1308.0850.
 *
 * <p>Hinton, Srivastava &amp; Swersky, "Neural Networks for Machine Learning", lecture 6e, 2012.
 * Example: {@code scale_by_rms(alpha=0.99, eps=1e-8, centered=false, momentum=0)}.
 *
 * @param alpha α in [0, 1), decay of the squared-gradient average
 * @param eps ε &gt; 0
 * @param centered subtract the squared mean gradient (an estimate of the variance)
 * @param momentum μ ≥ 0; 0 keeps no momentum buffer
 */
public record ScaleByRms(double alpha, double eps, boolean centered, double momentum)
        implements GradientTransform {

    public ScaleByRms {
        AdaptiveSupport.requireBeta("alpha", alpha);
        AdaptiveSupport.requirePositive("eps", eps);
        AdaptiveSupport.requireNonNegative("momentum", momentum);
    }

    /** Buffers: squared averages, then mean gradients if centered, then momentum if μ &gt; 0. */
    @Override
    public TransformState init(List<NDArray> params, NDManager manager) {
        int blocks = 1 + (centered ? 1 : 0) + (momentum > 0 ? 1 : 0);
        return TransformState.zeros(params, manager, blocks);
    }

    @Override
    public void update(NDArray[] updates, TransformState state, List<NDArray> params) {
        int n = updates.length;
        if (n == 0) {
            return;
        }
        List<NDArray> buffers = state.buffers();
        int momentumBlock = centered ? 2 : 1;
        NDArray like = updates[0];
        try (NDArray a = Scalars.like(like, alpha);
                NDArray keep = Scalars.like(like, 1 - alpha);
                NDArray epsilon = Scalars.like(like, eps);
                NDArray mu = Scalars.like(like, momentum)) {
            for (int i = 0; i < n; i++) {
                NDArray g = updates[i];
                NDArray square = buffers.get(i);
                try (NDArray squared = g.square()) {
                    square.muli(a).addi(squared.muli(keep));
                }
                NDArray denom;
                if (centered) {
                    NDArray mean = buffers.get(n + i);
                    try (NDArray scaled = g.mul(keep)) {
                        mean.muli(a).addi(scaled);
                    }
                    try (NDArray meanSquared = mean.square();
                            NDArray variance = square.sub(meanSquared)) {
                        denom = variance.sqrt();
                    }
                } else {
                    denom = square.sqrt();
                }
                try (NDArray d = denom.addi(epsilon)) {
                    if (momentum > 0) {
                        NDArray buf = buffers.get(momentumBlock * n + i);
                        try (NDArray normalized = g.div(d)) {
                            buf.muli(mu).addi(normalized);
                        }
                        updates[i] = buf;
                    } else {
                        updates[i] = g.div(d);
                    }
                }
            }
        }
        state.advance();
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("scale_by_rms")
                .arg("alpha", alpha)
                .arg("eps", eps)
                .arg("centered", centered)
                .arg("momentum", momentum)
                .build();
    }
}
