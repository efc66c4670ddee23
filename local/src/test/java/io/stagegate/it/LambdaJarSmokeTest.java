package io.stagegate.it;

import io.stagegate.aws.LeadStore;
import io.stagegate.lead.domain.LeadIds;
import io.stagegate.local.StandIns;
import io.stagegate.local.TableSchema;
import io.stagegate.model.LeadModelLoader;
import io.stagegate.wiring.Wiring;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The jar Lambda runs is not the classpath the other tests use: the build shades it and then
 * prunes the SDK model classes of operations we never call ({@code functions/build/PruneLambdaJar.java}).
 * This runs every handler from that jar alone, in a fresh JVM, against the stand-ins.
 */
class LambdaJarSmokeTest {

    private static final String EMAIL = "dana.lambda-jar@northbank.example";

    private static StandIns aws;

    @BeforeAll
    static void start() {
        aws = StandIns.shared();
        TableSchema.createIfMissing(aws.dynamoDb(), Wiring.TABLE_NAME);
        aws.createSalesQueues(LeadModelLoader.loadDefault().routing().teams().keySet());
    }

    @Test
    @DisplayName("every handler runs from the pruned Lambda jar alone and moves the sample lead to SALES_ACCEPTED")
    void everyHandlerRunsFromThePrunedJar() throws Exception {
        Path jar = lambdaJar();
        Path out = Files.createTempFile("lambda-jar-driver", ".log");
        ProcessBuilder driver = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar + File.pathSeparator + testClasses(), LambdaJarDriver.class.getName(), EMAIL)
                .directory(Events.dir().getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        driver.environment().putAll(aws.environment()); // as Lambda: the handlers read their configuration from it
        Process child = driver.start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("driver finished").isTrue();
        String log = Files.readString(out);

        assertThat(log).doesNotContain("NoClassDefFoundError", "ClassNotFoundException", "LinkageError", "priming skipped");
        assertThat(child.exitValue()).as(log).isZero();
        String leadId = LeadIds.fromEmail(EMAIL);
        assertThat(log).contains("LAMBDA JAR OK " + leadId);
        // what the child did is in the stand-ins: the lead moved and sales were notified
        assertThat(new LeadStore(aws.dynamoDb(), Wiring.TABLE_NAME, 180).load(leadId).orElseThrow().lead().stage().name())
                .isEqualTo("SALES_ACCEPTED");
        assertThat(aws.receiveBodies(Wiring.salesQueue("sdr").name(), 10, 2)).anySatisfy(b -> assertThat(b).contains(leadId));
    }

    /** The shaded, pruned jar of the functions module, built in the same reactor before this module's tests. */
    private static Path lambdaJar() throws IOException {
        Path target = Events.dir().getParent().resolve("functions/target");
        Path jar;
        try (Stream<Path> files = Files.list(target)) {
            jar = files.filter(p -> p.getFileName().toString().endsWith("-lambda.jar")).findFirst().orElse(null);
        } catch (IOException e) {
            jar = null;
        }
        assumeTrue(jar != null && !olderThanClasses(jar, target.resolve("classes")),
                "functions/target/*-lambda.jar is missing or older than functions' classes: it is built by the "
                        + "package phase, so run `mvn -B verify` (README command 2), not `-pl local test` alone");
        return jar;
    }

    private static boolean olderThanClasses(Path jar, Path classes) throws IOException {
        long built = Files.getLastModifiedTime(jar).toMillis();
        try (Stream<Path> files = Files.walk(classes)) {
            return files.anyMatch(p -> {
                try {
                    return Files.getLastModifiedTime(p).toMillis() > built;
                } catch (IOException e) {
                    return true;
                }
            });
        }
    }

    private static String testClasses() throws Exception {
        return Path.of(LambdaJarDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
