package io.stagegate.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;

/** Loopback port helpers: every stand-in binds 127.0.0.1 only. */
public final class Ports {
    public static final String LOOPBACK = "127.0.0.1";

    private Ports() {
    }

    /** A port that was free a moment ago (the OS picks it). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LocalStartupException("cannot find a free loopback port: " + e.getMessage(), e);
        }
    }

    /**
     * Fails with a message that names the flag to change when {@code port} cannot be bound.
     *
     * @param flag the command-line flag that chooses this port, e.g. {@code --dynamodb-port}
     */
    public static void requireFree(int port, String flag) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port), 1);
        } catch (IOException e) {
            throw portInUse(port, flag);
        }
    }

    public static LocalStartupException portInUse(int port, String flag) {
        return new LocalStartupException("port " + port + " is in use; pass " + flag + " to choose another");
    }

    /** {@code http://127.0.0.1:port} */
    public static URI url(int port) {
        return URI.create("http://" + LOOPBACK + ":" + port);
    }

    /** A JDK HTTP server bound to loopback (0: any free port), not started yet. */
    static HttpServer httpServer(int port, String flag, String what) {
        try {
            return HttpServer.create(new InetSocketAddress(LOOPBACK, port), 0);
        } catch (BindException e) {
            throw portInUse(port, flag);
        } catch (IOException e) {
            throw new LocalStartupException("cannot start the " + what + ": " + e.getMessage(), e);
        }
    }

    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
