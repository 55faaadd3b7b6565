package dev.portwatch.ui.detail;

import dev.portwatch.core.service.PortClass;
import dev.portwatch.core.service.ServiceMatch;
import dev.portwatch.model.ProcessInfo;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the detail pane reads from the OS for the selected socket, off the JavaFX thread.
 *
 * @param workingDirectory the owner's working directory; empty when unknown
 * @param parent           the owner's parent process; empty when unknown
 * @param children         the owner's direct children
 * @param portClass        the port's range class against this OS's ephemeral range
 * @param service          the service, with the container named where docker could tell
 */
public record ProcessExtras(String workingDirectory, Optional<ProcessInfo> parent, List<ProcessInfo> children,
                            PortClass portClass, Optional<ServiceMatch> service) {

    /** Validates the fields and copies the list. */
    public ProcessExtras {
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(parent, "parent");
        children = List.copyOf(children);
        Objects.requireNonNull(portClass, "portClass");
        Objects.requireNonNull(service, "service");
    }
}
