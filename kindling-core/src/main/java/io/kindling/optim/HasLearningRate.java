package io.kindling.optim;

/** A named optimizer built with a base learning rate, which schedules scale. */
public interface HasLearningRate {

    /** The base learning rate. */
    double lr();
}
