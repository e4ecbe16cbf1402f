package io.kindling.tune;

import io.kindling.config.ConfigException;

/** A study that cannot go on as asked (a database of another schema or search space, …). */
public class TuneException extends ConfigException {

    public TuneException(String message) {
        super(message);
    }
}
