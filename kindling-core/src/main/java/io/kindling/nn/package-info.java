/**
 * Model builders on DJL blocks. Every builder records a {@link io.kindling.nn.ParamContext} for
 * each parameter (layer kind, role, fans, following nonlinearity, depth) so that initializers can
 * see their layer. Main types: {@link io.kindling.nn.ModelSpec}, {@link io.kindling.nn.Model},
 * {@link io.kindling.nn.Mlp}.
 */
package io.kindling.nn;
