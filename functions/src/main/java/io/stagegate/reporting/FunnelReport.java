package io.stagegate.reporting;

import io.stagegate.aws.Stats;
import io.stagegate.lead.domain.Stage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the funnel report from summed counters: per stage entered, exited onward (entered the
 * next stage of the main path), conversion, median time in stage (as the bucket holding the
 * median), SLA breaches; reason breakdowns per decision; partner influence.
 */
final class FunnelReport {

    static final List<Stage> MAIN_PATH = List.of(Stage.NEW_INBOUND, Stage.MARKETING_ENGAGED, Stage.MARKETING_QUALIFIED,
            Stage.SALES_ACCEPTED, Stage.SALES_QUALIFIED, Stage.OPPORTUNITY, Stage.CLOSED_WON);
    private static final String[] BUCKET_LABELS = {"<=1h", "<=4h", "<=1d", "<=3d", "<=7d", "<=30d", ">30d"};

    private FunnelReport() {
    }

    /** {@code motion} / {@code source} filter when non-null. */
    static Map<String, Object> build(Map<String, Long> counters, String motion, String source, long newLeads) {
        Map<String, Long> entered = new TreeMap<>();
        Map<String, long[]> exitBuckets = new TreeMap<>();
        Map<String, Long> breaches = new TreeMap<>();
        Map<String, Map<String, Long>> reasons = new TreeMap<>();
        Map<String, Map<String, Long>> partners = new TreeMap<>();
        counters.forEach((attr, count) -> {
            String[] p = Stats.parse(attr);
            if (p == null || (motion != null && !motion.equals(p[1]))) {
                return;
            }
            boolean sourceMatches = source == null || source.equals(p[2]);
            switch (p[0]) {
                case "E" -> { if (sourceMatches) { entered.merge(p[3], count, Long::sum); } }
                case "X" -> {
                    if (sourceMatches && p.length >= 5) {
                        exitBuckets.computeIfAbsent(p[3], k -> new long[BUCKET_LABELS.length])[Integer.parseInt(p[4])] += count;
                    }
                }
                case "B" -> { if (sourceMatches) { breaches.merge(p[3], count, Long::sum); } }
                case "R" -> { if (sourceMatches && p.length >= 5) {
                    reasons.computeIfAbsent(p[3], k -> new TreeMap<>()).merge(p[4], count, Long::sum); } }
                case "P" -> partners.computeIfAbsent(p[2], k -> new TreeMap<>()).merge(p[3], count, Long::sum);
                default -> { }
            }
        });
        entered.merge(Stage.NEW_INBOUND.name(), newLeads, Long::sum);
        Map<String, Object> stages = new LinkedHashMap<>();
        for (Stage s : Stage.values()) {
            long in = entered.getOrDefault(s.name(), 0L);
            int i = MAIN_PATH.indexOf(s);
            Long onward = i >= 0 && i + 1 < MAIN_PATH.size() ? entered.getOrDefault(MAIN_PATH.get(i + 1).name(), 0L) : null;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("entered", in);
            row.put("exitedOnward", onward);
            row.put("conversionToNext", onward == null || in == 0 ? null : Math.round(1000.0 * onward / in) / 1000.0);
            row.put("medianTimeInStage", median(exitBuckets.get(s.name())));
            row.put("slaBreaches", breaches.getOrDefault(s.name(), 0L));
            stages.put(s.name(), row);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("stages", stages);
        report.put("slaBreaches", breaches.values().stream().mapToLong(Long::longValue).sum());
        report.put("reasons", reasons);
        report.put("partners", partners);
        return report;
    }

    private static String median(long[] buckets) {
        if (buckets == null) {
            return null;
        }
        long total = 0;
        for (long b : buckets) {
            total += b;
        }
        long half = (total + 1) / 2;
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += buckets[i];
            if (seen >= half && total > 0) {
                return BUCKET_LABELS[i];
            }
        }
        return null;
    }
}
