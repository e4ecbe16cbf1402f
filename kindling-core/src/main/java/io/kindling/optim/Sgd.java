package io.kindling.optim;

import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Stochastic gradient descent with PyTorch's {@code torch.optim.SGD} semantics: {@code
 * chain(add_weight_decay(λ), trace(μ, dampening, nesterov), scale(-lr))}, i.e. {@code g ← g + λp; b
 * ← μb + (1−d)g; p ← p − lr·(nesterov ? g + μb : b)}.
 *
 * <p>Robbins &amp; Monro 1951; momentum: Polyak 1964. Example: {@code sgd(lr=0.05, momentum=0.9)}.
 *
 * @param lr learning rate (PyTorch default 1e-3)
 * @param momentum μ (default 0)
 * @param dampening (default 0)
 * @param nesterov Nesterov momentum (default false)
 * @param weightDecay coupled L2 λ (default 0)
 */
public record Sgd(
        double lr, double momentum, double dampening, boolean nesterov, double weightDecay)
        implements NamedOptimizer {

    public Sgd {
        AdaptiveSupport.requireNonNegative("lr", lr);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException(
                    "sgd nesterov=true requires momentum > 0 and dampening = 0");
        }
    }

    @Override
    public Chain chain() {
        List<GradientTransform> links = new ArrayList<>();
        if (weightDecay != 0) {
            links.add(new AddWeightDecay(weightDecay));
        }
        if (momentum != 0) {
            links.add(new Trace(momentum, dampening, nesterov));
        }
        links.add(new Scale(-lr));
        return new Chain(links);
    }

    @Override
    public Sgd withLr(double newLr) {
        return new Sgd(newLr, momentum, dampening, nesterov, weightDecay);
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("sgd")
                .arg("lr", lr)
                .arg("momentum", momentum)
                .arg("dampening", dampening)
                .arg("nesterov", nesterov)
                .arg("weight_decay", weightDecay)
                .build();
    }
}
