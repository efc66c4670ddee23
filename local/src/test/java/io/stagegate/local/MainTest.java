package io.stagegate.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), LocalRuntime::close);
    }

    @Test
    void aTakenPortIsReportedInOneLineNamingTheFlagWithoutAStackTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(Ports.LOOPBACK))) {
            int port = taken.getLocalPort();

            int code = run("--http-port", "0", "--dynamodb-port", Integer.toString(port), "--sqs-port", "0",
                    "--eventbridge-port", "0");

            assertThat(code).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
                    "stagegate-local: port " + port + " is in use; pass --dynamodb-port to choose another"
                            + System.lineSeparator());
        }
    }

    @Test
    void anUnknownOptionPrintsTheUsage() {
        assertThat(run("--teams", "a,b")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --teams", "usage: local/run");
    }

    @Test
    void pollersMustBeAPositiveNumber() {
        assertThat(run("--pollers", "0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--pollers needs a number of pollers (1–64), not 0");
    }

    @Test
    void startedRuntimePrintsWhereEverythingIs() {
        int code = run("--http-port", "0", "--dynamodb-port", "0", "--sqs-port", "0", "--eventbridge-port", "0");

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("ready in", "HTTP API     http://127.0.0.1:",
                "DynamoDB", "SQS", "EventBridge", "stagegate-scoring", "Ctrl-C",
                "(batch 25), " + LocalRuntime.DEFAULT_POLLERS + " pollers");
    }
}
