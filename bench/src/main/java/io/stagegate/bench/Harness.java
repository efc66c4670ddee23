package io.stagegate.bench;

import java.net.InetAddress;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Shared bits of the harnesses: medians and the machine line. */
final class Harness {
    private Harness() {
    }

    static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        int n = v.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    static String machine() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "?";
        }
        return String.format("%s, %d cores, JDK %s (%s), %s, %s", host, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("java.vm.name"), System.getProperty("os.name") + " "
                        + System.getProperty("os.arch"), LocalDate.now());
    }

    static void header(String title, String command) {
        System.out.println("== " + title);
        System.out.println("machine: " + machine());
        System.out.println("command: " + command);
    }

    /** A harness body that may throw. */
    interface Body {
        void run(String[] args) throws Exception;
    }

    /** Runs a harness to completion and exits (non-zero on failure), so stand-in threads never keep the JVM. */
    static void main(String[] args, Body body) {
        try {
            body.run(args);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }
}
