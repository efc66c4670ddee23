package io.stagegate.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the JVM's CPU goes in a Throughput run recorded with JFR
 * ({@code BENCH_JAVA_OPTS="-XX:StartFlightRecording=filename=tp.jfr,settings=profile"}): the
 * {@code jdk.ExecutionSample} events inside the pipeline window (the epoch millis Throughput prints)
 * grouped by thread (who) and by what code runs (the innermost frame of a known component; plain
 * JDK frames such as collections and strings count for the component that called them).
 *
 * <p>Usage: {@code bench/run JfrProfile <file.jfr> <from epoch ms> <to epoch ms> [top frames=0]}
 */
public final class JfrProfile {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Instant from = Instant.ofEpochMilli(Long.parseLong(args[1]));
        Instant to = Instant.ofEpochMilli(Long.parseLong(args[2]));
        int topFrames = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        String drill = args.length > 4 ? args[4] : null; // a code category: its innermost frames of that component
        Map<String, Integer> byDrill = new HashMap<>();
        Map<String, Integer> byElastic = new HashMap<>();
        Map<String, Integer> byThread = new TreeMap<>();
        Map<String, Integer> byWhat = new HashMap<>();
        Map<String, Integer> byThreadWhat = new HashMap<>();
        Map<String, Integer> byFrame = new HashMap<>();
        Map<String, Integer> byHandlerFrame = new HashMap<>();
        int total = 0;
        try (RecordingFile r = new RecordingFile(file)) {
            while (r.hasMoreEvents()) {
                RecordedEvent e = r.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                if (e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) {
                    continue;
                }
                RecordedStackTrace st = e.getStackTrace();
                if (st == null) {
                    continue;
                }
                String thread = e.getThread("sampledThread") == null ? "?" : threadGroup(e.getThread("sampledThread").getJavaName());
                String what = what(st.getFrames());
                total++;
                byThread.merge(thread, 1, Integer::sum);
                byWhat.merge(what, 1, Integer::sum);
                byThreadWhat.merge(thread + " | " + what, 1, Integer::sum);
                if (!st.getFrames().isEmpty()) {
                    RecordedFrame top = st.getFrames().get(0);
                    byFrame.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1, Integer::sum);
                }
                if (what.equals(drill)) {
                    byDrill.merge(firstOf(st.getFrames(), drill), 1, Integer::sum);
                }
                if (thread.startsWith("elasticmq")) {
                    byElastic.merge(elasticFrame(st.getFrames()) + "  ⇐ " + what, 1, Integer::sum);
                }
                String h = handlerFrame(st.getFrames());
                if (h != null) {
                    byHandlerFrame.merge(h + "  ⇐ " + what, 1, Integer::sum);
                }
            }
        }
        System.out.printf("%d execution samples in the window%n%n", total);
        print("by thread", byThread, total, 40);
        print("by code (innermost known component)", byWhat, total, 40);
        print("thread | code", byThreadWhat, total, 1000);
        print("innermost io.stagegate frame ⇐ code", byHandlerFrame, total, 50);
        print("ElasticMQ threads: innermost org.elasticmq frame ⇐ code", byElastic, total, 40);
        if (drill != null) {
            print("innermost frames of " + drill, byDrill, total, 60);
        }
        if (topFrames > 0) {
            print("top frames", byFrame, total, topFrames);
        }
    }

    static void print(String title, Map<String, Integer> counts, int total, int limit) {
        System.out.println("== " + title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .forEach(e -> System.out.printf("  %6.1f%%  %6d  %s%n", 100.0 * e.getValue() / total, e.getValue(), e.getKey()));
        System.out.println();
    }

    static String threadGroup(String name) {
        if (name == null) {
            return "?";
        }
        return name.replaceAll("[0-9]+", "N");
    }

    /** Categories by class-name prefix, checked in order; the first frame (from the top) with one wins. */
    private static final List<String[]> CATEGORIES = List.of(
            new String[] {"software.amazon.awssdk.auth.signer", "SDK SigV4 signing"},
            new String[] {"software.amazon.awssdk.http.auth", "SDK SigV4 signing"},
            new String[] {"software.amazon.awssdk.core.checksums", "SDK checksums"},
            new String[] {"software.amazon.awssdk.protocols.json", "SDK JSON (un)marshalling"},
            new String[] {"software.amazon.awssdk.protocols", "SDK protocol (un)marshalling"},
            new String[] {"software.amazon.awssdk.thirdparty.jackson", "SDK JSON (un)marshalling"},
            new String[] {"software.amazon.awssdk.http.urlconnection", "SDK url-connection HTTP"},
            new String[] {"software.amazon.awssdk.services", "SDK service model/builders"},
            new String[] {"software.amazon.awssdk.endpoints", "SDK endpoint resolution"},
            new String[] {"software.amazon.awssdk.regions", "SDK endpoint resolution"},
            new String[] {"software.amazon.awssdk.metrics", "SDK metrics"},
            new String[] {"software.amazon.awssdk", "SDK core pipeline"},
            new String[] {"software.amazon.event.ruler", "event-ruler"},
            new String[] {"org.elasticmq", "ElasticMQ"},
            new String[] {"org.apache.pekko.http", "Pekko HTTP"},
            new String[] {"org.apache.pekko.stream", "Pekko streams"},
            new String[] {"org.apache.pekko", "Pekko actors"},
            new String[] {"scala.", "Scala library"},
            new String[] {"org.slf4j", "logging"},
            new String[] {"com.fasterxml.jackson", "Jackson (our JSON)"},
            new String[] {"io.stagegate.local", "local stand-ins (io.stagegate.local)"},
            new String[] {"io.stagegate.bench", "bench harness"},
            new String[] {"io.stagegate.stages.domain", "stage engine (domain)"},
            new String[] {"io.stagegate.scoring.domain", "scorer (domain)"},
            new String[] {"io.stagegate.intake.domain", "normaliser (domain)"},
            new String[] {"io.stagegate.intake", "intake adapter/parser"},
            new String[] {"io.stagegate.aws", "io.stagegate.aws adapters"},
            new String[] {"io.stagegate.model", "lead model"},
            new String[] {"io.stagegate", "other io.stagegate"},
            new String[] {"com.amazonaws.services.lambda", "Lambda events"},
            new String[] {"java.util.regex", "JDK regex"},
            new String[] {"java.util.zip", "JDK deflate/inflate"},
            new String[] {"java.security", "JDK crypto (hashing)"},
            new String[] {"sun.security", "JDK crypto (hashing)"},
            new String[] {"javax.crypto", "JDK crypto (hashing)"},
            new String[] {"com.sun.crypto", "JDK crypto (hashing)"},
            new String[] {"java.io.PrintStream", "stdout (log lines)"},
            new String[] {"sun.net.httpserver", "JDK HttpServer (API/EventBridge stand-ins)"},
            new String[] {"com.sun.net.httpserver", "JDK HttpServer (API/EventBridge stand-ins)"},
            new String[] {"jdk.internal.net.http", "JDK HttpClient (bench posts)"},
            new String[] {"sun.net.www", "JDK HttpURLConnection"},
            new String[] {"java.net", "JDK sockets/net"},
            new String[] {"sun.nio", "JDK sockets/net"},
            new String[] {"java.nio.channels", "JDK sockets/net"},
            new String[] {"java.time", "JDK java.time"},
            new String[] {"java.util.UUID", "JDK UUID/random"},
            new String[] {"java.util.concurrent", "JDK concurrency"}
    );

    static String what(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String cls = f.getMethod().getType().getName();
            for (String[] c : CATEGORIES) {
                if (cls.startsWith(c[0])) {
                    return c[1];
                }
            }
        }
        return frames.isEmpty() ? "?" : "JDK other (" + frames.get(0).getMethod().getType().getName() + ")";
    }

    static String firstOf(List<RecordedFrame> frames, String category) {
        for (RecordedFrame f : frames) {
            String cls = f.getMethod().getType().getName();
            for (String[] c : CATEGORIES) {
                if (cls.startsWith(c[0])) {
                    if (c[1].equals(category)) {
                        return cls + "." + f.getMethod().getName();
                    }
                    break;
                }
            }
        }
        return "?";
    }

    static String elasticFrame(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String cls = f.getMethod().getType().getName();
            if (cls.startsWith("org.elasticmq")) {
                return cls.substring("org.elasticmq.".length()).replaceAll("\\$\\$Lambda.*", "λ") + "." + f.getMethod().getName();
            }
        }
        return "(no ElasticMQ frame)";
    }

    /** The innermost frame of our own code (not the stand-ins), with its method. */
    static String handlerFrame(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String cls = f.getMethod().getType().getName();
            if (cls.startsWith("io.stagegate.") && !cls.startsWith("io.stagegate.local") && !cls.startsWith("io.stagegate.bench")) {
                return cls.substring("io.stagegate.".length()) + "." + f.getMethod().getName();
            }
        }
        return null;
    }
}
