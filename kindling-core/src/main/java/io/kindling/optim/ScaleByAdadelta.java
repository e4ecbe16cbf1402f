package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.engine.Scalars;
import java.util.List;

/**
 * Adadelta's unit-corrected step with {@code torch.optim.Adadelta}'s exact arithmetic:
 *
 * <pre>
 * sₜ = ρ·sₜ₋₁ + (1 − ρ)·g²
 * Δ  = √(δₜ₋₁ + ε) / √(sₜ + ε) · g
 * δₜ = ρ·δₜ₋₁ + (1 − ρ)·Δ²
 * u  = Δ
 * </pre>
 *
 * <p>ε is inside both roots. torch keeps a learning rate (default 1.0) that multiplies Δ; here that
 * is the chain's final {@code scale(-lr)}.
 *
 * <p>Zeiler, "ADADELTA: An Adaptive Learning Rate Method", 2012, arXiv:1212.5701. Example: {@code
 * scale_by_adadelta(rho=0.9, eps=1e-6)}.
 *
 * @param rho ρ in [0, 1], decay of both running averages
 * @param eps ε &gt; 0
 */
public record ScaleByAdadelta(double rho, double eps) implements GradientTransform {

    public ScaleByAdadelta {
        AdaptiveSupport.requireUnit("rho", rho);
        AdaptiveSupport.requirePositive("eps", eps);
    }

    /** Buffers: squared-gradient averages, then squared-step averages. */
    @Override
    public TransformState init(List<NDArray> params, NDManager manager) {
        return TransformState.zeros(params, manager, 2);
    }

    @Override
    public void update(NDArray[] updates, TransformState state, List<NDArray> params) {
        int n = updates.length;
        if (n == 0) {
            return;
        }
        List<NDArray> buffers = state.buffers();
        NDArray like = updates[0];
        try (NDArray r = Scalars.like(like, rho);
                NDArray keep = Scalars.like(like, 1 - rho);
                NDArray epsilon = Scalars.like(like, eps)) {
            for (int i = 0; i < n; i++) {
                NDArray g = updates[i];
                NDArray square = buffers.get(i);
                NDArray accumulated = buffers.get(n + i);
                try (NDArray squared = g.square()) {
                    square.muli(r).addi(squared.muli(keep));
                }
                NDArray delta;
                try (NDArray shiftedSquare = square.add(epsilon);
                        NDArray std = shiftedSquare.sqrt();
                        NDArray shiftedAcc = accumulated.add(epsilon)) {
                    delta = shiftedAcc.sqrt().divi(std).muli(g);
                }
                try (NDArray deltaSquared = delta.square()) {
                    accumulated.muli(r).addi(deltaSquared.muli(keep));
                }
                updates[i] = delta;
            }
        }
        state.advance();
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("scale_by_adadelta").arg("rho", rho).arg("eps", eps).build();
    }
}
