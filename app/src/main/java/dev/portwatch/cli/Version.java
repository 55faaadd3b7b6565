package dev.portwatch.cli;

import dev.portwatch.core.AppVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: portwatch's version as the build recorded it (see {@link AppVersion}). */
public final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {AppVersion.display()};
    }
}
