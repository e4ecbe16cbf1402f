/**
 * The expression language in which every configurable thing is written, and the registries that
 * turn expressions into objects.
 *
 * <p>An expression is a number, {@code true}/{@code false}, a quoted string, a list {@code [a, b]}
 * or a call {@code name(key=value, ...)}; a bare name such as {@code relu} is a call without
 * arguments. Examples:
 *
 * <pre>
 *   kaiming_normal(mode=fan_out, nonlinearity=relu)
 *   noisy(base=orthogonal(gain=1.0), std=0.01)
 *   sequential(schedules=[linear(start_factor=0.1), cosine(t_max=100)], milestones=[10])
 * </pre>
 *
 * <ul>
 *   <li>{@link io.kindling.config.ExprParser} reads text into an {@link io.kindling.config.Expr}
 *       tree and {@link io.kindling.config.ExprPrinter} writes the canonical text back, so that
 *       {@code parse(print(e)).equals(e)}.
 *   <li>{@link io.kindling.config.Registry} maps names to factories; a factory reads its keyword
 *       arguments through {@link io.kindling.config.Args}, which checks types and remembers which
 *       keys were asked for so that misspelt keys are reported instead of silently ignored.
 *   <li>{@link io.kindling.config.Expressible} objects give their expression back, built with
 *       {@link io.kindling.config.CallBuilder}.
 * </ul>
 *
 * <p>Every user mistake surfaces as a {@link io.kindling.config.ConfigException} whose message is
 * one sentence naming the position, what was found and what was expected.
 */
package io.kindling.config;
