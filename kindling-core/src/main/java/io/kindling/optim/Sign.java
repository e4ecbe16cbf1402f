package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import java.util.List;

/**
 * The elementwise sign of the update: {@code u ← sign(u)} (−1, 0 or 1). With momentum before it and
 * {@code scale(-lr)} after it this is signSGD / signum, Bernstein et al., "signSGD: Compressed
 * Optimisation for Non-Convex Problems", ICML 2018 (arXiv:1802.04434).
 *
 * <p>Example: {@code chain(transforms=[trace(momentum=0.9), sign, scale(factor=-1e-3)])}.
 */
public record Sign() implements StatelessTransform {

    @Override
    public void update(NDArray[] updates, TransformState state, List<NDArray> params) {
        if (updates.length == 0) {
            return;
        }
        for (int i = 0; i < updates.length; i++) {
            updates[i] = updates[i].sign();
        }
        state.advance();
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("sign").build();
    }
}
