package dev.portwatch.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads portwatch's version from the jar manifest, or says "development build" when run from classes. */
public final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"portwatch " + number()};
    }

    /** The version number, or {@code (development build)}. */
    static String number() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }
}
