package io.kindling.train;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Where the trainer's checkpoints go: a run folder's {@code checkpoints/}, or a test double. */
public interface Checkpointer {

    /** The name of the checkpoint kept at the best evaluation. */
    String BEST = "best";

    /**
     * Writes a complete checkpoint atomically (and prunes old ones as configured).
     *
     * @return its folder
     */
    Path save(String name, Map<String, byte[]> files);

    /** The files of the newest valid {@code step-*} checkpoint, if any. */
    Optional<Map<String, byte[]>> newest();
}
