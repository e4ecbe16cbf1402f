/**
 * The boundary to DJL's PyTorch engine: {@link io.kindling.engine.Compute} starts it offline with
 * explicit threads, seeds it, and holds the few engine-specific calls. Nothing else in Kindling
 * imports {@code ai.djl.pytorch}.
 */
package io.kindling.engine;
