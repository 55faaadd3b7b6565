package dev.portwatch.core.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The helper process of the benchmark: holds listeners so that portwatch measures sockets owned by another process,
 * as in real use. Run by {@link ListenerHolderProcess}; not meant for people.
 *
 * <p>Arguments: the number of TCP listeners to open on 127.0.0.1 (ephemeral ports). Prints {@code READY <n>} once
 * they are bound, or {@code FAILED <reason>} and exits 1 (usually the descriptor limit). Then reads commands from
 * standard input: {@code open} binds one more listener and prints {@code OPENED <port> <epoch micros>}, taken right
 * after the bind. Exits when standard input ends, so it never outlives a parent that died without killing it.
 */
public final class ListenerHolder {

    private ListenerHolder() {
    }

    /** Opens the listeners and serves commands until standard input closes. */
    public static void main(String[] args) throws IOException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        List<ServerSocketChannel> held = new ArrayList<>(count + 16);
        try {
            for (int i = 0; i < count; i++) {
                held.add(bind(loopback));
            }
        } catch (IOException e) {
            // Usually the open-files limit: the JVM raises the soft limit to the hard one, so the hard one is short.
            out.println("FAILED after " + held.size() + " listeners: " + e.getMessage()
                    + " (the open-files limit may be too low: ulimit -Hn)");
            System.exit(1);
        }
        out.println("READY " + held.size());
        var commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = commands.readLine()) != null) {
            if (command.strip().equals("open")) {
                ServerSocketChannel channel = bind(loopback);
                Instant bound = Instant.now();
                held.add(channel);
                long micros = bound.getEpochSecond() * 1_000_000L + bound.getNano() / 1_000;
                out.println("OPENED " + ((InetSocketAddress) channel.getLocalAddress()).getPort() + " " + micros);
            }
        }
        System.exit(0);
    }

    private static ServerSocketChannel bind(InetAddress address) throws IOException {
        // Port 0: the kernel picks an ephemeral port, never a well-known one such as the machine's own services.
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.bind(new InetSocketAddress(address, 0), 1);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }
}
