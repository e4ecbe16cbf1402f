/**
 * The public, stable API: what a Java program needs to build, initialize, diagnose, train, compare
 * and tune, in a few lines, over the same objects the {@code kindling} command uses. {@link
 * io.kindling.api.Kindling} is the front door; {@link io.kindling.api.ComparisonSummary} reads a
 * comparison's {@code summary.json} back as Java objects. Types these methods return (an {@link
 * io.kindling.train.Experiment}, a {@link io.kindling.train.TrainSpec}, a {@link
 * io.kindling.init.PlanRow}, a {@link io.kindling.diagnose.Diagnosis}, …) are part of the API as
 * far as these methods expose them; every other package is internal and may change.
 *
 * <pre>{@code
 * TrainSpec spec = Kindling.experiment("""
 *         model: mlp(depth=30, width=256)
 *         init: kaiming_normal(nonlinearity=relu)
 *         data: fashion-mnist(source=subset)
 *         """).resolve();
 * Kindling.plan(spec).forEach(System.out::println);
 * System.out.println(Kindling.diagnose(spec).verdict());
 * TrainResult r = Kindling.train(spec, Path.of("runs/he"));
 * }</pre>
 */
package io.kindling.api;
