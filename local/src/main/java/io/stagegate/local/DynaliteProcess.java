package io.stagegate.local;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DynamoDB stand-in: dynalite (npm, pinned in {@code local/package.json}) as a Node child process
 * on 127.0.0.1. In memory unless a data directory is given. Table create/delete/update are instant
 * ({@code --createTableMs 0}), otherwise {@code waitUntilTableExists} sleeps its 20 s default.
 */
public final class DynaliteProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DynaliteProcess.class);
    private static final String CLI = "node_modules/dynalite/cli.js";
    private static final int MIN_NODE_MAJOR = 20;
    private static final long START_TIMEOUT_MS = 15_000;

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread shutdownHook;

    private DynaliteProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.shutdownHook = new Thread(this::stopProcess, "dynalite-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts dynalite and returns once it accepts connections.
     *
     * @param port    0 for any free port
     * @param dataDir where dynalite persists (LevelDB); null for in-memory
     * @throws LocalStartupException Node missing or too old, dynalite not installed, port taken
     */
    public static DynaliteProcess start(int port, Path dataDir) {
        Path cli = findCli().orElseThrow(() -> new LocalStartupException(
                "dynalite is not installed (looked for local/" + CLI + " above " + workingDir()
                        + "); run `npm ci --prefix local --ignore-scripts` from the repository root (or build the local module with Maven)"));
        requireNode();
        if (port != 0) {
            Ports.requireFree(port, "--dynamodb-port");
            try {
                return start(cli, port, dataDir);
            } catch (PortTakenException e) {
                throw Ports.portInUse(port, "--dynamodb-port");
            }
        }
        // a port picked here can be taken by another process before node binds it: try again
        for (int attempt = 1; ; attempt++) {
            try {
                return start(cli, Ports.freePort(), dataDir);
            } catch (PortTakenException e) {
                if (attempt == 3) {
                    throw Ports.portInUse(e.port, "--dynamodb-port");
                }
            }
        }
    }

    /** dynalite reported EADDRINUSE. */
    private static final class PortTakenException extends RuntimeException {
        final int port;

        PortTakenException(int port) {
            super("port " + port + " is in use", null, false, false);
            this.port = port;
        }
    }

    private static DynaliteProcess start(Path cli, int actualPort, Path dataDir) {
        List<String> command = new ArrayList<>(List.of("node", cli.toString(),
                "--host", Ports.LOOPBACK, "--port", Integer.toString(actualPort),
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"));
        try {
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                command.add("--path");
                command.add(dataDir.toAbsolutePath().toString());
            }
            Path log = Files.createTempFile("stagegate-dynalite-", ".log");
            log.toFile().deleteOnExit();
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            DynaliteProcess dynalite = new DynaliteProcess(process, actualPort, log);
            dynalite.awaitAccepting();
            return dynalite;
        } catch (IOException e) {
            throw new LocalStartupException("cannot start dynalite: " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public URI endpoint() {
        return Ports.url(port);
    }

    private void awaitAccepting() {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                String output = output();
                stopProcess();
                if (output.contains("EADDRINUSE")) {
                    throw new PortTakenException(port);
                }
                throw new LocalStartupException("dynalite exited with code " + process.exitValue() + ": " + output.strip());
            }
            // its own line, not a connect: a connect could reach whoever else holds the port
            if (output().contains("Dynalite listening at")) {
                return;
            }
            sleep(25);
        }
        stopProcess();
        throw new LocalStartupException("dynalite did not accept connections on port " + port + " within "
                + START_TIMEOUT_MS + " ms: " + output().strip());
    }

    private String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Stops dynalite and its children; safe to call twice. */
    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs or ran
        }
    }

    private void stopProcess() {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.debug("dynalite on port {} stopped", port);
    }

    /**
     * {@code local/node_modules/dynalite/cli.js} in the working directory or any parent (or
     * {@code node_modules/...} when the working directory is {@code local/} itself, as under
     * Surefire). The system property {@code stagegate.dynalite.cli} overrides the search.
     */
    static Optional<Path> findCli() {
        String override = System.getProperty("stagegate.dynalite.cli");
        if (override != null) {
            Path path = Paths.get(override);
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        }
        for (Path dir = workingDir(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("local").resolve(CLI), dir.resolve(CLI))) {
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static Path workingDir() {
        return Paths.get(System.getProperty("user.dir")).toAbsolutePath();
    }

    private static void requireNode() {
        String version;
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            if (!node.waitFor(10, TimeUnit.SECONDS)) {
                node.destroyForcibly();
                throw new LocalStartupException("Node.js " + MIN_NODE_MAJOR + "+ is required (`node --version` did not answer)");
            }
            version = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new LocalStartupException("Node.js " + MIN_NODE_MAJOR + "+ is required (no `node` on the PATH)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStartupException("interrupted while checking the Node.js version");
        }
        int major = nodeMajor(version);
        if (major < MIN_NODE_MAJOR) {
            throw new LocalStartupException("Node.js " + MIN_NODE_MAJOR + "+ is required (found "
                    + (version.isEmpty() ? "no version" : version) + ")");
        }
    }

    /** "v20.11.1" → 20; anything unreadable → -1. */
    static int nodeMajor(String version) {
        Matcher m = Pattern.compile("^v?(\\d+)\\.").matcher(version.strip());
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStartupException("interrupted while starting dynalite");
        }
    }
}
