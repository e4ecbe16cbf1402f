package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.engine.Scalars;
import java.util.List;

/**
 * Heavy-ball momentum with PyTorch's exact rule ({@code torch.optim.SGD}):
 *
 * <pre>
 * b₁ = g₁                              (first step: the buffer is the gradient itself)
 * bₜ = μ·bₜ₋₁ + (1 − dampening)·gₜ
 * u  = gₜ + μ·bₜ   if nesterov, else bₜ
 * </pre>
 *
 * <p>Polyak 1964; Nesterov momentum in the form of Sutskever et al., ICML 2013.
 *
 * @param momentum μ in [0, 1)
 * @param dampening in [0, 1]
 * @param nesterov use the Nesterov look-ahead form
 */
public record Trace(double momentum, double dampening, boolean nesterov)
        implements GradientTransform {

    public Trace {
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException(
                    "Nesterov momentum requires a momentum > 0 and zero dampening");
        }
    }

    @Override
    public TransformState init(List<NDArray> params, NDManager manager) {
        return TransformState.zeros(params, manager, 1);
    }

    @Override
    public void update(NDArray[] updates, TransformState state, List<NDArray> params) {
        if (updates.length == 0) {
            return;
        }
        boolean first = state.count() == 0;
        try (NDArray mu = Scalars.like(updates[0], momentum);
                NDArray keep = Scalars.like(updates[0], 1 - dampening)) {
            for (int i = 0; i < updates.length; i++) {
                NDArray g = updates[i];
                NDArray buf = state.buffers().get(i);
                if (first) {
                    buf.addi(g);
                } else if (dampening == 0) {
                    buf.muli(mu).addi(g);
                } else {
                    buf.muli(mu).addi(g.mul(keep));
                }
                updates[i] = nesterov ? g.add(buf.mul(mu)) : buf;
            }
        }
        state.advance();
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("trace")
                .arg("momentum", momentum)
                .arg("dampening", dampening)
                .arg("nesterov", nesterov)
                .build();
    }
}
