package dev.portwatch.ui.actions;

import dev.portwatch.core.helper.HelperException;
import dev.portwatch.core.helper.HelperReply;
import dev.portwatch.model.Endpoint;

import java.util.Optional;

/**
 * Closes connections through the running privileged helper session ({@code close-connections}); the helper lists,
 * closes and verifies them itself. Blocks; called off the JavaFX thread.
 */
@FunctionalInterface
public interface ElevatedClose {

    /**
     * @param port   the local port whose established connections to close
     * @param remote only the connection with this peer, when given
     * @return the helper's answer: whether each matched connection is gone, and one sentence
     * @throws HelperException when the helper could not be asked
     */
    HelperReply close(int port, Optional<Endpoint> remote) throws HelperException;
}
