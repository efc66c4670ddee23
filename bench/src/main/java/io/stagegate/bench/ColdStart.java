package io.stagegate.bench;

import io.stagegate.local.TableSchema;
import io.stagegate.lead.domain.LeadIds;
import io.stagegate.local.StandIns;
import io.stagegate.wiring.Wiring;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Goal 1, cold start: every run is a fresh JVM ({@link ColdStartChild}) that loads a handler,
 * builds it and invokes it once with its sample event from {@code events/} against the local
 * stand-ins; in the same rounds the bare baselines (a) same SDK client + one PutItem and (b) the
 * same on the SDK's default configuration. Rounds interleave the five kinds so machine noise hits
 * all alike; medians are reported.
 *
 * <p>Usage: {@code bench/run ColdStart [rounds] [extra JVM flags for the child...]}
 */
public final class ColdStart {

    record Kind(String name, List<String> childArgs, boolean defaultSdk) {
    }

    public static void main(String[] args) {
        Harness.main(args, a -> run(a));
    }

    static void run(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        // cds=none|ours|all: an AppCDS archive per kind, trained in the warm-up round (class loading)
        String cds = "none";
        boolean primed = false; // "primed": also each handler with its SnapStart priming run before the invoke
        List<String> jvmFlags = new ArrayList<>(List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("primed")) {
                primed = true;
            } else if (args[i].startsWith("cds=")) {
                cds = args[i].substring(4);
            } else {
                jvmFlags.add(args[i]);
            }
        }
        Harness.header("cold start (fresh JVM per run), " + rounds + " rounds, child flags " + jvmFlags + ", AppCDS " + cds,
                "bench/run ColdStart " + String.join(" ", args));
        Path root = Path.of(System.getProperty("stagegate.root", "."));
        Path lambdaJar = root.resolve("functions/target/stagegate-functions-0.1.0-SNAPSHOT-lambda.jar");
        Path benchClasses = root.resolve("bench/target/stagegate-bench-0.1.0-SNAPSHOT.jar"); // a jar: AppCDS takes no directories
        String defaultCp = Files.readString(root.resolve("bench/target/default-sdk-classpath.txt")).trim();
        String oursCp = lambdaJar + File.pathSeparator + benchClasses;
        String bareDefaultCp = benchClasses + File.pathSeparator + defaultCp;
        System.out.printf("functions jar: %s (%.2f MB)%n", lambdaJar, Files.size(lambdaJar) / 1e6);

        StandIns aws = StandIns.shared();
        TableSchema.createIfMissing(aws.dynamoDb(), Wiring.TABLE_NAME);
        String submission = Files.readString(root.resolve("events/submission-demo-request.json"));
        String scoring = Files.readString(root.resolve("events/sqs-scoring.json"));
        String stage = Files.readString(root.resolve("events/sqs-stage-evaluation.json"));
        Path tmp = Files.createTempDirectory("coldstart");

        Map<String, List<Double>> wall = new LinkedHashMap<>();
        Map<String, List<Double>> inJvm = new LinkedHashMap<>();
        Map<String, List<Double>> initMs = new LinkedHashMap<>();
        Map<String, List<Double>> invokeMs = new LinkedHashMap<>();
        Map<String, List<Double>> primeMs = new LinkedHashMap<>();
        for (int round = -1; round < rounds; round++) { // round -1 warms the OS file cache, not counted
            String email = "cold-" + UUID.randomUUID().toString().substring(0, 8) + "@northbank.example";
            String leadId = LeadIds.fromEmail(email);
            Path sub = write(tmp, "sub.json", submission.replace("dana.soc@northbank.example", email)
                    .replace("sample-demo-request-0001", "cold-" + UUID.randomUUID()));
            Path sco = write(tmp, "sco.json", scoring.replace("LEAD_ID", leadId));
            Path stg = write(tmp, "stg.json", stage.replace("LEAD_ID", leadId)
                    .replace("9b7d6c5a-0000-4000-8000-00000000e001", UUID.randomUUID().toString()));
            List<Kind> kinds = List.of(
                    new Kind("intake", List.of("handler", Wiring.INTAKE.handlerClass(), "http", sub.toString()), false),
                    new Kind("scoring", List.of("handler", Wiring.SCORING.handlerClass(), "sqs", sco.toString()), false),
                    new Kind("stage-evaluation", List.of("handler", Wiring.STAGE_EVALUATION.handlerClass(), "sqs", stg.toString()), false),
                    new Kind("(a) bare, same client", List.of("bare"), false),
                    new Kind("(b) bare, SDK defaults", List.of("bare-default"), true));
            if (primed) {
                kinds = new ArrayList<>(kinds);
                kinds.add(new Kind("intake primed", List.of("handler-primed", Wiring.INTAKE.handlerClass(), "http", sub.toString()), false));
                kinds.add(new Kind("scoring primed", List.of("handler-primed", Wiring.SCORING.handlerClass(), "sqs", sco.toString()), false));
                kinds.add(new Kind("stage-evaluation primed", List.of("handler-primed", Wiring.STAGE_EVALUATION.handlerClass(), "sqs", stg.toString()), false));
            }
            for (Kind k : kinds) {
                Map<String, String> env = switch (k.name().replace(" primed", "")) {
                    case "intake" -> aws.environmentFor(Wiring.INTAKE);
                    case "scoring" -> aws.environmentFor(Wiring.SCORING);
                    case "stage-evaluation" -> aws.environmentFor(Wiring.STAGE_EVALUATION);
                    default -> aws.environmentFor(Wiring.INTAKE);
                };
                List<String> cmd = new ArrayList<>();
                cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                cmd.addAll(jvmFlags);
                boolean ours = !k.name().startsWith("(");
                if (cds.equals("all") || (cds.equals("ours") && ours)) {
                    Path jsa = tmp.resolve(k.name().replaceAll("[^a-z]", "") + ".jsa");
                    cmd.add(round < 0 ? "-XX:ArchiveClassesAtExit=" + jsa : "-XX:SharedArchiveFile=" + jsa);
                }
                cmd.add("-cp");
                cmd.add(k.defaultSdk() ? bareDefaultCp : oursCp);
                cmd.add(ColdStartChild.class.getName());
                cmd.addAll(k.childArgs());
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
                pb.environment().clear();
                pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin"));
                pb.environment().putAll(env);
                long t0 = System.nanoTime();
                Process p = pb.start();
                String out = new String(p.getInputStream().readAllBytes());
                int rc = p.waitFor();
                double ms = (System.nanoTime() - t0) / 1e6;
                String result = out.lines().filter(l -> l.startsWith("RESULT")).findFirst().orElse(null);
                if (rc != 0 || result == null) {
                    throw new IllegalStateException(k.name() + " failed (rc " + rc + "):\n" + out);
                }
                if (round >= 0) {
                    String[] f = result.split("[ =]");
                    wall.computeIfAbsent(k.name(), x -> new ArrayList<>()).add(ms);
                    inJvm.computeIfAbsent(k.name(), x -> new ArrayList<>()).add(Double.parseDouble(f[2]) + Double.parseDouble(f[4]));
                    initMs.computeIfAbsent(k.name(), x -> new ArrayList<>()).add(Double.parseDouble(f[2]));
                    invokeMs.computeIfAbsent(k.name(), x -> new ArrayList<>()).add(Double.parseDouble(f[4]));
                    primeMs.computeIfAbsent(k.name(), x -> new ArrayList<>()).add(Double.parseDouble(f[6]));
                }
            }
        }
        double a = Harness.median(wall.get("(a) bare, same client"));
        double b = Harness.median(wall.get("(b) bare, SDK defaults"));
        double aIn = Harness.median(inJvm.get("(a) bare, same client"));
        double bIn = Harness.median(inJvm.get("(b) bare, SDK defaults"));
        System.out.printf("%-24s %14s %18s %10s %10s %10s %10s%n", "kind", "wall ms (med)", "init+invoke ms", "÷(a) wall",
                "(b)÷ wall", "÷(a) in", "(b)÷ in");
        for (String k : wall.keySet()) {
            double w = Harness.median(wall.get(k));
            double in = Harness.median(inJvm.get(k));
            System.out.printf("%-24s %14.0f %18.0f %10.2f %10.2f %10.2f %10.2f%n", k, w, in, w / a, b / w, in / aIn, bIn / in);
        }
        System.out.println("goals: ours ≤ 1.5 × (a); (b) ≥ 2 × ours (wall = JVM start to exit, as a Lambda init + first invoke)");
        if (primed) {
            // SnapStart: init and priming happen once, before the snapshot; a cold start is a restore
            // (not measurable without a CRaC JVM) plus the first invoke
            System.out.printf("%nSnapStart view (medians, ms): first invoke without and with priming%n");
            System.out.printf("%-18s %8s %12s %18s %18s %10s%n", "handler", "init", "priming", "invoke unprimed",
                    "invoke primed", "primed÷(a)");
            for (String h : List.of("intake", "scoring", "stage-evaluation")) {
                double invokePrimed = Harness.median(invokeMs.get(h + " primed"));
                System.out.printf("%-18s %8.0f %12.0f %18.0f %18.0f %10.2f%n", h, Harness.median(initMs.get(h)),
                        Harness.median(primeMs.get(h + " primed")), Harness.median(invokeMs.get(h)), invokePrimed,
                        invokePrimed / aIn);
            }
        }
        System.exit(0);
    }

    private static Path write(Path dir, String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }
}
