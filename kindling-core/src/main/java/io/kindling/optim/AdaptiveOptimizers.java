package io.kindling.optim;

import io.kindling.config.Args;
import io.kindling.config.Registry;

/**
 * Adaptive optimizers matching {@code torch.optim} (adam, adamw, rmsprop, adagrad, adadelta,
 * adamax, nadam, radam), with torch's argument names and defaults ({@code betas} spelled {@code
 * beta1}, {@code beta2}), and the transforms they are built from (scale_by_adam, scale_by_rms,
 * scale_by_adagrad, scale_by_adadelta, scale_by_adamax, scale_by_nadam, scale_by_radam) for
 * composing chains.
 */
final class AdaptiveOptimizers {

    private AdaptiveOptimizers() {}

    static void register(Registry<GradientTransform> r) {
        r.register(
                "adam",
                "Adam, coupled L2 weight decay, AMSGrad (torch.optim.Adam)",
                AdaptiveOptimizers::adam);
        r.register(
                "adamw",
                "Adam with decoupled weight decay (torch.optim.AdamW)",
                AdaptiveOptimizers::adamw);
        r.register(
                "rmsprop",
                "RMSprop, centered and momentum forms (torch.optim.RMSprop)",
                AdaptiveOptimizers::rmsprop);
        r.register(
                "adagrad",
                "Adagrad with lr_decay and initial accumulator" + " (torch.optim.Adagrad)",
                AdaptiveOptimizers::adagrad);
        r.register("adadelta", "Adadelta (torch.optim.Adadelta)", AdaptiveOptimizers::adadelta);
        r.register(
                "adamax",
                "Adamax, Adam with the infinity norm (torch.optim.Adamax)",
                AdaptiveOptimizers::adamax);
        r.register(
                "nadam",
                "Adam with Nesterov momentum (torch.optim.NAdam)",
                AdaptiveOptimizers::nadam);
        r.register("radam", "Rectified Adam (torch.optim.RAdam)", AdaptiveOptimizers::radam);

        r.register(
                "scale_by_adam",
                "Adam's bias-corrected m/(sqrt(v)+eps), optional AMSGrad",
                a ->
                        new ScaleByAdam(
                                beta(a, "beta1", 0.9),
                                beta(a, "beta2", 0.999),
                                a.positive("eps", 1e-8),
                                a.bool("amsgrad", false)));
        r.register(
                "scale_by_rms",
                "RMSprop's g/(sqrt(s)+eps), centered, momentum",
                a ->
                        new ScaleByRms(
                                beta(a, "alpha", 0.99),
                                a.positive("eps", 1e-8),
                                a.bool("centered", false),
                                a.nonNegative("momentum", 0)));
        r.register(
                "scale_by_adagrad",
                "Adagrad's g/(sqrt(sum g^2)+eps) with lr_decay",
                a ->
                        new ScaleByAdagrad(
                                a.nonNegative("lr_decay", 0),
                                a.nonNegative("initial_accumulator_value", 0),
                                a.positive("eps", 1e-10)));
        r.register(
                "scale_by_adadelta",
                "Adadelta's unit-corrected step",
                a -> new ScaleByAdadelta(a.inRange("rho", 0.9, 0, 1), a.positive("eps", 1e-6)));
        r.register(
                "scale_by_adamax",
                "Adamax's m/max(beta2*u, |g|+eps), bias-corrected",
                a ->
                        new ScaleByAdamax(
                                beta(a, "beta1", 0.9),
                                beta(a, "beta2", 0.999),
                                a.positive("eps", 1e-8)));
        r.register(
                "scale_by_nadam",
                "NAdam's Nesterov-weighted moment ratio",
                a ->
                        new ScaleByNadam(
                                beta(a, "beta1", 0.9),
                                beta(a, "beta2", 0.999),
                                a.positive("eps", 1e-8),
                                a.nonNegative("momentum_decay", 4e-3)));
        r.register(
                "scale_by_radam",
                "RAdam's rectified moment ratio",
                a ->
                        new ScaleByRadam(
                                beta(a, "beta1", 0.9),
                                beta(a, "beta2", 0.999),
                                a.positive("eps", 1e-8)));
    }

    private static GradientTransform adam(Args a) {
        return new Adam(
                a.nonNegative("lr", 1e-3),
                beta(a, "beta1", 0.9),
                beta(a, "beta2", 0.999),
                a.positive("eps", 1e-8),
                a.nonNegative("weight_decay", 0),
                a.bool("amsgrad", false));
    }

    private static GradientTransform adamw(Args a) {
        return new AdamW(
                a.nonNegative("lr", 1e-3),
                beta(a, "beta1", 0.9),
                beta(a, "beta2", 0.999),
                a.positive("eps", 1e-8),
                a.nonNegative("weight_decay", 1e-2),
                a.bool("amsgrad", false));
    }

    private static GradientTransform rmsprop(Args a) {
        return new RmsProp(
                a.nonNegative("lr", 1e-2),
                beta(a, "alpha", 0.99),
                a.positive("eps", 1e-8),
                a.nonNegative("weight_decay", 0),
                a.nonNegative("momentum", 0),
                a.bool("centered", false));
    }

    private static GradientTransform adagrad(Args a) {
        return new Adagrad(
                a.nonNegative("lr", 1e-2),
                a.nonNegative("lr_decay", 0),
                a.nonNegative("weight_decay", 0),
                a.nonNegative("initial_accumulator_value", 0),
                a.positive("eps", 1e-10));
    }

    private static GradientTransform adadelta(Args a) {
        return new Adadelta(
                a.nonNegative("lr", 1.0),
                a.inRange("rho", 0.9, 0, 1),
                a.positive("eps", 1e-6),
                a.nonNegative("weight_decay", 0));
    }

    private static GradientTransform adamax(Args a) {
        return new Adamax(
                a.nonNegative("lr", 2e-3),
                beta(a, "beta1", 0.9),
                beta(a, "beta2", 0.999),
                a.positive("eps", 1e-8),
                a.nonNegative("weight_decay", 0));
    }

    private static GradientTransform nadam(Args a) {
        return new NAdam(
                a.nonNegative("lr", 2e-3),
                beta(a, "beta1", 0.9),
                beta(a, "beta2", 0.999),
                a.positive("eps", 1e-8),
                a.nonNegative("weight_decay", 0),
                a.nonNegative("momentum_decay", 4e-3));
    }

    private static GradientTransform radam(Args a) {
        return new RAdam(
                a.nonNegative("lr", 1e-3),
                beta(a, "beta1", 0.9),
                beta(a, "beta2", 0.999),
                a.positive("eps", 1e-8),
                a.nonNegative("weight_decay", 0));
    }

    private static double beta(Args a, String key, double dflt) {
        return AdaptiveSupport.beta(a, key, dflt);
    }
}
