package dev.portwatch.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads portwatch's version from the jar manifest, or says "development build" when run from classes. */
public final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"portwatch " + (version == null ? "(development build)" : version)};
    }
}
