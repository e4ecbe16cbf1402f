package io.kindling.schedule;

import io.kindling.config.Args;
import io.kindling.config.Expr;
import io.kindling.config.Registry;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry of schedules by name; names and arguments follow {@code torch.optim.lr_scheduler}
 * (lower-case: {@code t_max} for {@code T_max}), and every value equals the lr PyTorch's scheduler
 * sets after the same number of {@code step()} calls. {@code ReduceLROnPlateau} is not a function
 * of the step and belongs with the trainer's callbacks.
 */
public final class Schedules {

    /** Every schedule, e.g. {@code cosine(t_max=100)}. */
    public static final Registry<Schedule> REGISTRY = build();

    private Schedules() {}

    private static Registry<Schedule> build() {
        Registry<Schedule> r = new Registry<>("schedule");
        r.register("step", "base·gamma^⌊k/step_size⌋ (StepLR)", Schedules::step)
                .register(
                        "multistep",
                        "base·gamma^(milestones passed) (MultiStepLR)",
                        Schedules::multistep)
                .register("exponential", "base·gamma^k (ExponentialLR)", Schedules::exponential)
                .register(
                        "cosine",
                        "eta_min + (base−eta_min)(1+cos(πk/t_max))/2" + " (CosineAnnealingLR)",
                        Schedules::cosine)
                .register(
                        "cosine_warm_restarts",
                        "SGDR: cosine restarting every t_0·t_mult^i"
                                + " steps (CosineAnnealingWarmRestarts)",
                        Schedules::warmRestarts)
                .register(
                        "linear",
                        "multiplier linear from start_factor to end_factor over"
                                + " total_iters (LinearLR)",
                        Schedules::linear)
                .register(
                        "constant",
                        "multiplier factor for the first total_iters steps" + " (ConstantLR)",
                        Schedules::constant)
                .register(
                        "polynomial",
                        "base·(1−min(k,total_iters)/total_iters)^power" + " (PolynomialLR)",
                        Schedules::polynomial)
                .register(
                        "cyclic",
                        "triangle wave between base_lr and max_lr, modes"
                                + " triangular|triangular2|exp_range (CyclicLR)",
                        Schedules::cyclic)
                .register(
                        "onecycle",
                        "1cycle: max_lr/div_factor up to max_lr, then down" + " (OneCycleLR)",
                        Schedules::onecycle)
                .register(
                        "sequential",
                        "schedules in turn, each restarting at its milestone" + " (SequentialLR)",
                        Schedules::sequential)
                .register(
                        "warmup_cosine",
                        "linear warm-up from base/warmup_steps, cosine to"
                                + " eta_min at total_steps, then flat",
                        Schedules::warmupCosine);
        return r;
    }

    private static Schedule step(Args a) {
        int stepSize = Checks.positiveInt(a, "step_size");
        return new StepLr(stepSize, a.positive("gamma", 0.1));
    }

    private static Schedule multistep(Args a) {
        List<Integer> milestones =
                Checks.increasingInts(a, "milestones", Checks.numbers(a, "milestones"), 0);
        return new MultiStepLr(milestones, a.positive("gamma", 0.1));
    }

    private static Schedule exponential(Args a) {
        return new ExponentialLr(Checks.positive(a, "gamma"));
    }

    private static Schedule cosine(Args a) {
        int tMax = a.integer("t_max");
        if (tMax < 1) {
            throw a.error("t_max", "must be an integer >= 1");
        }
        return new CosineAnnealingLr(tMax, a.nonNegative("eta_min", 0));
    }

    private static Schedule warmRestarts(Args a) {
        int t0 = Checks.positiveInt(a, "t_0");
        int tMult = a.integer("t_mult", 1);
        if (tMult < 1) {
            throw a.error("t_mult", "must be an integer >= 1");
        }
        return new CosineAnnealingWarmRestarts(t0, tMult, a.nonNegative("eta_min", 0));
    }

    private static Schedule linear(Args a) {
        double start = a.number("start_factor", 1.0 / 3);
        if (!(start > 0 && start <= 1)) {
            throw a.error("start_factor", "must be in (0, 1]");
        }
        double end = a.inRange("end_factor", 1.0, 0, 1);
        return new LinearLr(start, end, a.positiveInt("total_iters", 5));
    }

    private static Schedule constant(Args a) {
        double factor = a.number("factor", 1.0 / 3);
        if (!(factor > 0 && factor <= 1)) {
            throw a.error("factor", "must be in (0, 1]");
        }
        return new ConstantLr(factor, a.positiveInt("total_iters", 5));
    }

    private static Schedule polynomial(Args a) {
        return new PolynomialLr(a.positiveInt("total_iters", 5), a.positive("power", 1.0));
    }

    private static Schedule cyclic(Args a) {
        double baseLr = a.number("base_lr");
        if (!(baseLr >= 0)) {
            throw a.error("base_lr", "must be >= 0");
        }
        double maxLr = a.number("max_lr");
        if (!(maxLr >= baseLr)) {
            throw a.error("max_lr", "must be >= base_lr=" + Checks.fmt(baseLr));
        }
        int up = a.positiveInt("step_size_up", 2000);
        int down = a.positiveInt("step_size_down", up);
        String mode = a.choice("mode", "triangular", CyclicLr.MODES.toArray(String[]::new));
        double gamma = a.positive("gamma", 1.0);
        return new CyclicLr(baseLr, maxLr, up, down, mode, gamma);
    }

    private static Schedule onecycle(Args a) {
        double maxLr = Checks.positive(a, "max_lr");
        int totalSteps = Checks.positiveInt(a, "total_steps");
        double pctStart = a.number("pct_start", 0.3);
        if (!(pctStart > 0 && pctStart < 1)) {
            throw a.error("pct_start", "must be in the open interval (0, 1)");
        }
        String anneal = a.choice("anneal_strategy", "cos", "cos", "linear");
        double div = a.positive("div_factor", 25);
        double finalDiv = a.positive("final_div_factor", 1e4);
        boolean threePhase = a.bool("three_phase", false);
        String phases = OneCycleLr.phaseProblem(totalSteps, pctStart, threePhase);
        if (phases != null) {
            throw a.error("pct_start", "does not fit total_steps=" + totalSteps + ": " + phases);
        }
        return new OneCycleLr(maxLr, totalSteps, pctStart, anneal, div, finalDiv, threePhase);
    }

    private static Schedule sequential(Args a) {
        List<Expr> items = a.exprs("schedules", null);
        if (items == null) {
            throw Checks.missing(
                    a, "schedules", "schedules=[linear(total_iters=5), cosine(t_max=95)]");
        }
        if (items.isEmpty()) {
            throw a.error("schedules", "must list at least one schedule");
        }
        List<Integer> milestones =
                Checks.increasingInts(a, "milestones", Checks.numbers(a, "milestones"), 1);
        if (milestones.size() != items.size() - 1) {
            throw a.error(
                    "milestones",
                    "must hold "
                            + (items.size() - 1)
                            + " step"
                            + (items.size() == 2 ? "" : "s")
                            + ", one fewer than the "
                            + items.size()
                            + " schedule"
                            + (items.size() == 1 ? "" : "s"));
        }
        List<Schedule> schedules = new ArrayList<>();
        for (Expr item : items) {
            schedules.add(REGISTRY.create(item));
        }
        return new SequentialLr(schedules, milestones);
    }

    private static Schedule warmupCosine(Args a) {
        int warmup = a.integer("warmup_steps");
        if (warmup < 0) {
            throw a.error("warmup_steps", "must be an integer >= 0");
        }
        int total = a.integer("total_steps");
        if (total <= warmup) {
            throw a.error("total_steps", "must be > warmup_steps=" + warmup);
        }
        return new WarmupCosine(warmup, total, a.nonNegative("eta_min", 0));
    }
}
