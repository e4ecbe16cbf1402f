/**
 * Optimizers as optax-style chains of {@link io.kindling.optim.GradientTransform}s with explicit
 * {@link io.kindling.optim.TransformState}; named optimizers such as {@link io.kindling.optim.Sgd}
 * are predefined chains that match {@code torch.optim}.
 */
package io.kindling.optim;
