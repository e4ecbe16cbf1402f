package io.kindling.diagnose;

/**
 * One time step of a recurrent network at initialization, on one real batch: how large its hidden
 * state is and how much the loss still depends on what entered at that step.
 *
 * <p>The gradient is {@code ‖∂L/∂x_t‖}, the L2 norm over the batch and the step's features of the
 * loss gradient with respect to the input at step t, computed exactly by autograd through the fused
 * recurrent kernel. The input x_t enters the network only at step t, so the gradient reaches it
 * only through h_t: {@code ∂L/∂x_t = (∂h_t/∂x_t)ᵀ ∂L/∂h_t}, and with a head on the last step it has
 * travelled {@code k = T − 1 − t} steps back through the recurrence. Its fall (or growth) with k is
 * the picture of vanishing (exploding) gradients through time (Bengio, Simard &amp; Frasconi 1994;
 * Pascanu, Mikolov &amp; Bengio 2013, arXiv:1211.5063).
 *
 * @param step 0-based time step t
 * @param back steps between t and the last step, {@code k = T − 1 − t}
 * @param hiddenMean mean of the top layer's hidden state at step t over the batch and units
 * @param hiddenStd its std
 * @param inputGradientNorm {@code ‖∂L/∂x_t‖}
 */
public record StepStats(
        int step, int back, double hiddenMean, double hiddenStd, double inputGradientNorm) {}
