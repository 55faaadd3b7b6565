package dev.portwatch.cli;

import dev.portwatch.core.AppVersion;
import dev.portwatch.core.remote.RemoteMessage;
import dev.portwatch.core.remote.RemoteServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.concurrent.Callable;

/**
 * {@code portwatch remote --protocol N}: the far end of {@code --host}, started over SSH by another portwatch.
 * Speaks the JSON-lines protocol of {@link RemoteMessage} on standard input and output; not for people, so hidden
 * from the help.
 */
@Command(name = "remote", hidden = true,
        description = "Serve portwatch's remote protocol on standard input and output (started by --host over SSH).")
public final class RemoteCommand implements Callable<Integer> {

    @ParentCommand
    PortwatchCommand parent;

    @Option(names = "--protocol", paramLabel = "N", required = true,
            description = "The protocol version the caller speaks.")
    int protocol;

    @Override
    public Integer call() {
        // Standard output carries only protocol lines: anything a library prints goes to standard error instead.
        OutputStream protocolOut = new FileOutputStream(FileDescriptor.out);
        System.setOut(System.err);
        var server = new RemoteServer(parent::scanner, (argv, out, err, ask) -> {
            CommandLine command = PortwatchCommand.forRemoteCaller(parent.shared(), ask::apply);
            command.setOut(out);
            command.setErr(err);
            return command.execute(argv.toArray(String[]::new));
        }, AppVersion.current());
        return server.serve(protocol, new FileInputStream(FileDescriptor.in), protocolOut);
    }
}
