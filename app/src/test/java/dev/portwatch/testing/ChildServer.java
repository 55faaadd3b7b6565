package dev.portwatch.testing;

import sun.misc.Signal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tiny server run as a real child process by tests: it binds what its arguments say, prints
 * {@code LISTENING <port>} once bound, and serves until killed.
 *
 * <p>Arguments: {@code --port P} (also {@code --port=P}, {@code -p P}; else {@code PORT} from the environment; else
 * 0 for an ephemeral port), {@code --bind ADDR} or {@code --host ADDR} (default 127.0.0.1, or 0.0.0.0
 * after {@code --wildcard-by-default}, like a node server without {@code --host}), {@code --udp} (a UDP socket
 * instead of TCP),
 * {@code --marker FILE} (written by a shutdown hook, so a test can see a graceful stop), {@code --ignore-term}
 * (ignores SIGTERM, so only a forced kill stops it), {@code --children N} (starts N sleeping child processes),
 * {@code --refuse-port N} (exits with an error instead of binding port N, like a server whose config rejects it),
 * {@code --ipv4-only} (plain IPv4 sockets; by default Java binds IPv4 addresses on dual-stack IPv6 sockets),
 * {@code --hold} (keeps accepted connections open, answering each line with {@code echo LINE}, instead of greeting and
 * closing them).
 * Unknown arguments are ignored, so tests can add arguments a real server would carry.
 */
public final class ChildServer {

    private ChildServer() {
    }

    /** Binds, reports, serves. */
    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--ipv4-only")) {
            // Must happen before any networking class initialises: gives real AF_INET sockets (0.0.0.0, not ::).
            System.setProperty("java.net.preferIPv4Stack", "true");
        }
        String bind = null;
        boolean wildcardByDefault = false;
        int port = System.getenv("PORT") != null ? Integer.parseInt(System.getenv("PORT")) : 0;
        boolean udp = false;
        Path marker = null;
        boolean ignoreTerm = false;
        int children = 0;
        int refused = -1;
        boolean hold = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--port") || arg.equals("-p")) {
                port = Integer.parseInt(args[++i]);
            } else if (arg.startsWith("--port=")) {
                port = Integer.parseInt(arg.substring("--port=".length()));
            } else if (arg.equals("--bind") || arg.equals("--host")) {
                bind = args[++i];
            } else if (arg.equals("--wildcard-by-default")) {
                wildcardByDefault = true;
            } else if (arg.equals("--udp")) {
                udp = true;
            } else if (arg.equals("--marker")) {
                marker = Path.of(args[++i]);
            } else if (arg.equals("--ignore-term")) {
                ignoreTerm = true;
            } else if (arg.equals("--children")) {
                children = Integer.parseInt(args[++i]);
            } else if (arg.equals("--hold")) {
                hold = true;
            } else if (arg.equals("--refuse-port")) {
                refused = Integer.parseInt(args[++i]);
            }
        }
        if (bind == null) {
            bind = wildcardByDefault ? "0.0.0.0" : "127.0.0.1";
        }
        if (port == refused) {
            System.out.println("refusing to listen on " + port);
            System.exit(3);
        }
        if (marker != null) {
            Path file = marker;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Files.writeString(file, "stopped gracefully");
                } catch (IOException e) {
                    System.err.println("could not write marker: " + e);
                }
            }));
        }
        if (ignoreTerm) {
            Signal.handle(new Signal("TERM"), sig -> System.out.println("ignoring SIGTERM"));
        }
        List<Process> started = new ArrayList<>();
        for (int i = 0; i < children; i++) {
            started.add(new ProcessBuilder("sleep", "600").start());
        }
        InetAddress address = InetAddress.getByName(bind);
        if (udp) {
            try (var socket = new DatagramSocket(new InetSocketAddress(address, port))) {
                System.out.println("LISTENING " + socket.getLocalPort());
                System.out.flush();
                byte[] buffer = new byte[512];
                while (true) {
                    socket.receive(new DatagramPacket(buffer, buffer.length));
                }
            }
        }
        try (var server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(address, port));
            System.out.println("LISTENING " + server.getLocalPort());
            System.out.flush();
            while (hold) {
                Socket client = server.accept();
                Thread echo = new Thread(() -> echo(client));
                echo.setDaemon(true);
                echo.start();
            }
            while (true) {
                try (Socket client = server.accept()) {
                    client.getOutputStream().write("portwatch test server\n".getBytes());
                }
            }
        }
    }

    /** Answers each line with {@code echo LINE} until the peer goes away (or the socket is destroyed under it). */
    private static void echo(Socket client) {
        try (client; var in = new BufferedReader(new InputStreamReader(client.getInputStream()));
                var out = new PrintWriter(client.getOutputStream(), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println("echo " + line);
            }
        } catch (IOException e) {
            // the connection was reset: exactly what close tests cause
        }
    }
}
