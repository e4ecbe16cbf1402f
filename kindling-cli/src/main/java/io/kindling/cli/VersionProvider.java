package io.kindling.cli;

import io.kindling.train.Provenance;
import picocli.CommandLine.IVersionProvider;

/** Prints Kindling's version and the compute stack it was built against. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "kindling " + Provenance.kindlingVersion(), "java " + System.getProperty("java.version")
        };
    }
}
