/**
 * Checkpoints on disk: {@link io.kindling.checkpoint.CheckpointStore} writes each checkpoint folder
 * atomically with a SHA-256 {@code manifest.json}, verifies, lists and prunes them; {@link
 * io.kindling.checkpoint.Safetensors} reads and writes tensors in Hugging Face's safetensors format
 * and {@link io.kindling.checkpoint.Npz} exports them for NumPy, both around the value type {@link
 * io.kindling.checkpoint.NamedTensor}.
 */
package io.kindling.checkpoint;
