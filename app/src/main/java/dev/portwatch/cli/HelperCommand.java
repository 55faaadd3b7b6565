package dev.portwatch.cli;

import dev.portwatch.core.helper.HelperMain;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * {@code portwatch helper}: the privileged helper mode, started by portwatch itself through pkexec or sudo (Show
 * all owners, {@code --elevate}); it speaks JSON lines on stdin/stdout. Hidden from help: not for people. It takes
 * no options, so nothing on its command line can change what it does.
 */
@Command(name = "helper", hidden = true, description = "Privileged helper mode (started by portwatch itself).")
public final class HelperCommand implements Callable<Integer> {

    @Override
    public Integer call() throws IOException {
        return HelperMain.serve();
    }
}
