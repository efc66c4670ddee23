package io.stagegate.aws;

import java.time.Instant;

/**
 * Names of the funnel counters: one attribute per (kind, motion, channel, stage …) on the day's
 * counter items. Reports parse them back with {@link #parse}.
 */
public final class Stats {

    /** Upper bounds of the time-in-stage buckets, in seconds (the last bucket is open). */
    public static final long[] BUCKETS = {3_600, 4 * 3_600, 86_400, 3 * 86_400, 7 * 86_400, 30 * 86_400};

    private Stats() {
    }

    static String pk(Instant at) {
        return "STATS#" + at.toString().substring(0, 10);
    }

    static String entered(String motion, String channel, String stage) {
        return String.join("|", "E", motion, channel, stage);
    }

    static String exited(String motion, String channel, String stage, int bucket) {
        return String.join("|", "X", motion, channel, stage, Integer.toString(bucket));
    }

    static String reason(String motion, String channel, String decision, String reason) {
        return String.join("|", "R", motion, channel, decision, reason);
    }

    static String partner(String motion, String partnerId, String stage) {
        return String.join("|", "P", motion, partnerId, stage);
    }

    static String breach(String motion, String channel, String stage) {
        return String.join("|", "B", motion, channel, stage);
    }

    static int bucket(long seconds) {
        for (int i = 0; i < BUCKETS.length; i++) {
            if (seconds <= BUCKETS[i]) {
                return i;
            }
        }
        return BUCKETS.length;
    }

    /** Counter attribute → its parts; null for attributes that are not counters (keys). */
    public static String[] parse(String attribute) {
        String[] parts = attribute.split("\\|");
        return parts.length >= 4 ? parts : null;
    }
}
