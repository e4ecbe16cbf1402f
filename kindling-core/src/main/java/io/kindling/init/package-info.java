/**
 * Initializers and the per-parameter {@link io.kindling.init.InitPlan}. Every {@link
 * io.kindling.init.Initializer} sees the parameter's context; fans and gains live in {@link
 * io.kindling.init.FanMode} and {@link io.kindling.init.Gain}.
 */
package io.kindling.init;
