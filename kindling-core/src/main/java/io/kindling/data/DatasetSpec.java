package io.kindling.data;

import io.kindling.config.Expressible;

/** A dataset described by an expression such as {@code fashion-mnist(source=auto)}. */
public interface DatasetSpec extends Expressible {

    /** Reads the dataset (both splits). */
    Dataset load();
}
