/**
 * Hyper-parameter search: a study of trials over a {@link io.kindling.tune.SearchSpace} (floats,
 * ints, choices of any expressions, conditional parameters), proposed by a {@link
 * io.kindling.tune.Sampler} (grid, random, Sobol, TPE), stopped early by a {@link
 * io.kindling.tune.Pruner} (median, ASHA, Hyperband) and kept in an SQLite {@link
 * io.kindling.tune.SqliteStore} that survives kill -9 and is shared by processes. {@link
 * io.kindling.tune.Tune} is the library call behind {@code kindling tune}.
 */
package io.kindling.tune;
