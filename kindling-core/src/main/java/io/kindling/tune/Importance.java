package io.kindling.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameter importance by PED-ANOVA (Watanabe, Bansal &amp; Hutter, "PED-ANOVA: efficiently
 * quantifying hyperparameter importance in arbitrary subspaces", IJCAI 2023): for each parameter,
 * the Pearson divergence between its marginal density among the top 10% of the complete trials and
 * among all of them, ∫ (p_top/p_all − 1)² p_all. A parameter whose good values are spread like all
 * its values matters little. Densities are univariate Parzen estimators (as TPE's) evaluated on 50
 * points of a numeric range or on each option of a choice; a conditional parameter is judged on the
 * trials where it was active. The importances are normalized to sum to 1.
 */
public final class Importance {

    private static final int GRID = 50;
    private static final double TOP = 0.1;

    private Importance() {}

    /** Parameter name → importance (sum 1; empty with fewer than 2 complete trials). */
    public static Map<String, Double> of(Study study) {
        List<Trial> complete = new ArrayList<>(study.in(TrialState.COMPLETE));
        complete.sort(Comparator.comparingDouble(t -> study.direction().loss(t.value())));
        Map<String, Double> out = new LinkedHashMap<>();
        if (complete.size() < 2) {
            return out;
        }
        double sum = 0;
        for (Param p : study.space().params()) {
            List<Trial> have =
                    complete.stream().filter(t -> t.params().containsKey(p.name())).toList();
            if (have.size() < 2) {
                continue;
            }
            int top = Math.max(1, (int) Math.ceil(TOP * have.size()));
            double d = divergence(p, have.subList(0, top), have);
            out.put(p.name(), d);
            sum += d;
        }
        if (sum > 0) {
            for (Map.Entry<String, Double> e : out.entrySet()) {
                e.setValue(e.getValue() / sum);
            }
        }
        return out;
    }

    private static double divergence(Param p, List<Trial> top, List<Trial> all) {
        double[] grid = grid(p.distribution());
        double[] local = density(p, top, grid);
        double[] global = density(p, all, grid);
        double d = 0;
        for (int i = 0; i < grid.length; i++) {
            if (global[i] > 0) {
                double r = local[i] / global[i] - 1;
                d += global[i] * r * r;
            }
        }
        return d;
    }

    /** The estimator's mass at each grid point, normalized over the grid. */
    private static double[] density(Param p, List<Trial> trials, double[] grid) {
        double[][] obs = new double[trials.size()][1];
        for (int i = 0; i < obs.length; i++) {
            obs[i][0] = trials.get(i).params().get(p.name());
        }
        double[] w = new double[obs.length];
        java.util.Arrays.fill(w, 1.0);
        ParzenEstimator pe = new ParzenEstimator(List.of(p.distribution()), obs, w, 1.0);
        double[][] x = new double[grid.length][1];
        for (int i = 0; i < grid.length; i++) {
            x[i][0] = grid[i];
        }
        double[] log = pe.logPdf(x);
        double[] out = new double[grid.length];
        double s = 0;
        for (int i = 0; i < grid.length; i++) {
            out[i] = Math.exp(log[i]);
            s += out[i];
        }
        for (int i = 0; i < grid.length; i++) {
            out[i] /= s;
        }
        return out;
    }

    private static double[] grid(Distribution d) {
        if (d instanceof CategoricalDistribution c) {
            double[] g = new double[c.size()];
            for (int i = 0; i < g.length; i++) {
                g[i] = i;
            }
            return g;
        }
        List<Double> points = new ArrayList<>();
        for (int i = 0; i < GRID; i++) {
            double v = Draws.at(d, (i + 0.5) / GRID);
            if (points.isEmpty() || points.get(points.size() - 1) != v) {
                points.add(v);
            }
        }
        return points.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
