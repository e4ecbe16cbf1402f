package io.kindling.data;

/** What a dataset's targets are; the task that learns them follows from it. */
public enum TargetKind {
    /** One class label per example: classification. */
    CLASSES,
    /** Real values per example (a regression or a forecast of several steps). */
    VALUES,
    /**
     * A class at every step of a sequence (int64 {@code (N, steps)}): the next token in language
     * modelling, the recalled symbol in the copy task.
     */
    STEP_CLASSES
}
