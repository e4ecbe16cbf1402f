package io.kindling.data;

/** What a dataset's targets are; the task that learns them follows from it. */
public enum TargetKind {
    /** One class label per example: classification. */
    CLASSES,
    /** Real values per example (a regression or a forecast of several steps). */
    VALUES,
    /** The next token at every position of a sequence: language modelling. */
    NEXT_TOKENS
}
