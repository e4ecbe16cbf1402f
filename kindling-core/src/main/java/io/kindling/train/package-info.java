/**
 * The training loop and everything that steers it.
 *
 * <ul>
 *   <li>{@link io.kindling.train.Trainer} owns the loop and {@code TrainStep} the step (forward,
 *       backward, transforms, update); {@link io.kindling.train.TrainState} is where a run stands.
 *   <li>{@link io.kindling.train.Callback} hooks steer a run ({@link io.kindling.train.TimeLimit},
 *       {@link io.kindling.train.StopSignal}, and the trainer's own rules: reduce-on-plateau, early
 *       stopping, the NaN policy, the best checkpoint); {@link io.kindling.train.TrainEvents} sinks
 *       report.
 *   <li>{@link io.kindling.train.TrainSnapshot} turns the train state into checkpoint files and
 *       back; {@link io.kindling.train.TrainRun} writes a run folder and resumes one; {@link
 *       io.kindling.train.SavedRun} reads a checkpoint back for eval and export.
 *   <li>{@link io.kindling.train.ConfigKey} declares every configuration key once; {@link
 *       io.kindling.train.Experiment} turns YAML and options into a {@link
 *       io.kindling.train.TrainSpec}; {@link io.kindling.train.CrossValidation} runs k folds.
 * </ul>
 */
package io.kindling.train;
