package io.stagegate.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates the one shaded Lambda jar built by the functions module ({@code mvn -pl functions
 * package}, classifier {@code lambda}).
 */
public final class FunctionsJar {

    public static final String CONTEXT_KEY = "functionsJar";
    /** Set by Maven (exec plugin, surefire): the infra-cdk module directory. */
    public static final String MODULE_DIR_PROPERTY = "stagegate.infra.dir";
    /** Set by Maven: the project version, part of the jar's file name. */
    public static final String VERSION_PROPERTY = "stagegate.version";

    private FunctionsJar() {
    }

    /** Relative to the infra-cdk module directory. */
    public static String defaultRelativePath() {
        String version = System.getProperty(VERSION_PROPERTY, "0.1.0-SNAPSHOT");
        return "../functions/target/stagegate-functions-" + version + "-lambda.jar";
    }

    /** The infra-cdk module directory: set by Maven, else the working directory (cdk CLI runs there). */
    public static Path moduleDir() {
        String dir = System.getProperty(MODULE_DIR_PROPERTY);
        if (dir == null) {
            dir = System.getProperty("basedir", System.getProperty("user.dir"));
        }
        return Path.of(dir).toAbsolutePath().normalize();
    }

    public static Path resolve(Optional<String> contextValue) {
        Path jar = moduleDir().resolve(contextValue.orElseGet(FunctionsJar::defaultRelativePath)).normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The functions jar " + jar + " does not exist. Build it first: "
                    + "`mvn -pl functions package` (from the repository root), or pass its path with "
                    + "`-c " + CONTEXT_KEY + "=<path>` (relative to infra-cdk/).");
        }
        return jar;
    }
}
