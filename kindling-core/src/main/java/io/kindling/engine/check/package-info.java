/**
 * The engine self-check: before a run trains, a few small cases go through the same blocks Kindling
 * trains with (its fused LSTM, GRU and RNN, convolutions, batch and layer norm, attention, linear
 * layers) in inference mode, training mode and backward, and are compared with golden values that
 * PyTorch computed in float64 ({@code tools/reference/engine_golden.py}). {@link
 * io.kindling.engine.check.EngineGate} refuses a run whose engine disagrees; {@code kindling
 * doctor} prints every check.
 *
 * <p>Why: which kernel libtorch runs depends on the CPU (oneDNN picks by instruction set), so a
 * kernel that computes wrong numbers on one CPU is invisible on another; DJL's libtorch 2.7.1
 * carries oneDNN 3.7.1, whose AVX-512 LSTM inference kernel is wrong on some AVX-512 CPUs. A wrong
 * kernel does not crash: it trains and reports plausible but wrong figures. Checking a few
 * milliseconds of golden cases at run start turns that into a clear refusal with a workaround.
 *
 * <p>Layering: this package sits above {@code nn} (it builds its cases with {@code
 * nn.ModelBuilder}, so it checks exactly Kindling's blocks) and below {@code train} (which calls
 * the gate); it is apart from {@code io.kindling.engine}, which {@code nn} uses, so that no package
 * cycle appears. It touches no {@code ai.djl.pytorch} class: versions and threads come from {@link
 * io.kindling.engine.Compute}.
 */
package io.kindling.engine.check;
