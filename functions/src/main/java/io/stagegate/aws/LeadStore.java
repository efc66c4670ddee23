package io.stagegate.aws;

import io.stagegate.lead.domain.Lead;
import io.stagegate.lead.domain.Signal;
import io.stagegate.lead.domain.Transition;
import io.stagegate.wiring.Wiring;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The single-table DynamoDB store behind the domain. One partition per lead holds the snapshot,
 * its signals and its transition log, so one Query loads everything a decision needs.
 *
 * <pre>
 * LEAD#id  LEAD           snapshot (JSON), version, the transitions it made, due-timer index keys
 * LEAD#id  SIG#signalId   one signal, put-if-absent; TTL once it no longer counts
 * LEAD#id  TR#000001      one transition, put-if-absent: no gaps, no doubles
 * ACCOUNT#domain  CONTACT#id   role of each person at an account (buying group)
 * ROTATION TEAM#team      last assignee per team, versioned
 * STATS#day#shard  motion#stage   funnel counters (ADD)
 * </pre>
 *
 * No TransactWriteItems (dynalite lacks it, and two single-item conditional writes cost half):
 * a snapshot write that makes transitions is written first and carries them ({@code lastTransition},
 * plus {@code earlierTransitions} when one write makes several steps); {@link #load} writes any of
 * them a crash left out of the log, so history is never lost. Every writer loads before it writes
 * (the version condition), so a write that makes no transition has nothing left to carry.
 */
public final class LeadStore {

    public static final int TIMER_SHARDS = 8;
    public static final int STATS_SHARDS = 4;
    private static final String SNAPSHOT = "LEAD";

    private final DynamoDbClient dynamo;
    private final String table;
    private final int signalTtlDays;

    public LeadStore(DynamoDbClient dynamo, String table, int signalTtlDays) {
        this.dynamo = dynamo;
        this.table = table;
        this.signalTtlDays = signalTtlDays;
    }

    /** A lead with everything stored in its partition. */
    public record LeadRecord(Lead lead, List<Signal> signals, List<Transition> transitions) {
        /** The newest transition, carried on every snapshot write so a crash never loses it. */
        public Transition lastTransition() {
            return transitions.isEmpty() ? null : transitions.get(transitions.size() - 1);
        }
    }

    /** Outcome of a conditional snapshot write. */
    public enum WriteResult { WRITTEN, CONFLICT }

    static String leadPk(String leadId) {
        return "LEAD#" + leadId;
    }

    /** Loads the lead's partition (strongly consistent) and repairs a missing last transition. */
    public Optional<LeadRecord> load(String leadId) {
        Map<String, AttributeValue> start = null;
        Lead lead = null;
        List<Transition> carried = List.of();
        List<Signal> signals = new ArrayList<>();
        List<Transition> transitions = new ArrayList<>();
        do {
            QueryResponse r = dynamo.query(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(leadPk(leadId))))
                    .consistentRead(true)
                    .exclusiveStartKey(start)
                    .build());
            for (Map<String, AttributeValue> item : r.items()) {
                String sk = item.get("sk").s();
                if (sk.equals(SNAPSHOT)) {
                    lead = unpack(item.get("data"), Lead.class);
                    lead = lead.toBuilder().version(Long.parseLong(item.get("version").n())).build();
                    carried = carriedTransitions(item);
                } else if (sk.startsWith("SIG#")) {
                    signals.add(unpack(item.get("data"), Signal.class));
                } else if (sk.startsWith("TR#")) {
                    transitions.add(unpack(item.get("data"), Transition.class));
                }
            }
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        if (lead == null) {
            return Optional.empty();
        }
        for (Transition pending : carried) {
            if (transitions.stream().noneMatch(t -> t.seq() == pending.seq())) {
                // the snapshot moved but the crash came before the log write: write it now (oldest
                // first, so the log never shows a later step without the earlier one)
                appendTransition(pending);
                transitions.add(pending);
            }
        }
        signals.sort(Comparator.comparing(Signal::occurredAt, Comparator.nullsFirst(Comparator.naturalOrder())));
        transitions.sort(Comparator.comparingInt(Transition::seq));
        return Optional.of(new LeadRecord(lead, List.copyOf(signals), List.copyOf(transitions)));
    }

    /**
     * The transitions a snapshot carries, oldest first: {@code lastTransition} and, when one write
     * made several steps, the earlier ones of that write in {@code earlierTransitions}.
     */
    private static List<Transition> carriedTransitions(Map<String, AttributeValue> item) {
        List<Transition> out = new ArrayList<>();
        if (item.containsKey("earlierTransitions")) {
            out.addAll(List.of(unpack(item.get("earlierTransitions"), Transition[].class)));
        }
        if (item.containsKey("lastTransition")) {
            out.add(unpack(item.get("lastTransition"), Transition.class));
        }
        out.sort(Comparator.comparingInt(Transition::seq));
        return out;
    }

    /**
     * Writes a snapshot that makes no transition (scores, assignment, timers, facts …) under the
     * same version condition as {@link #save(Lead, Transition)}. It carries no transition: the
     * caller read the version it overwrites through {@link #load}, which had put every transition
     * that version carried into the log, so there is nothing left to repair, and carrying the last
     * one again cost about a write unit on every such write (it is most of a snapshot's size).
     */
    public WriteResult save(Lead lead) {
        return saveCarrying(lead, List.of());
    }

    /**
     * Writes the snapshot if nobody else did since {@code lead.version()} was read (creates it
     * when the version is 0 and no lead exists). The stored version becomes {@code version + 1}.
     * {@code lastTransition}, when not null, is the transition this write makes: the snapshot
     * carries it until its log entry exists.
     */
    public WriteResult save(Lead lead, Transition lastTransition) {
        return saveCarrying(lead, lastTransition == null ? List.of() : List.of(lastTransition));
    }

    /**
     * As {@link #save(Lead, Transition)}, carrying every transition this write makes (oldest first):
     * one conditional write for several automated steps, and {@link #load} can repair each of them.
     * The newest stays in {@code lastTransition}, where a reader of one carried transition looks.
     */
    public WriteResult saveCarrying(Lead lead, List<Transition> carried) {
        long expected = lead.version();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(leadPk(lead.leadId())));
        item.put("sk", s(SNAPSHOT));
        Lead stored = lead.toBuilder().version(expected + 1).build();
        item.put("data", pack(stored));
        item.put("version", n(expected + 1));
        // identifies this write, so a retried put can tell its own landed first attempt from a rival's
        item.put("writeId", s(java.util.UUID.randomUUID().toString()));
        item.put("stage", s(lead.stage().name()));
        if (lead.motion() != null) {
            item.put("motion", s(lead.motion()));
        }
        if (!carried.isEmpty()) {
            item.put("lastTransition", pack(carried.get(carried.size() - 1)));
            if (carried.size() > 1) {
                item.put("earlierTransitions", pack(carried.subList(0, carried.size() - 1)));
            }
        }
        Instant due = null;
        String kind = null;
        if (lead.sla() != null) {
            due = lead.sla().dueAt();
            kind = "sla";
        } else if (lead.followUp() != null) {
            due = lead.followUp().dueAt();
            kind = "recycle";
        }
        if (due != null) {
            item.put(Wiring.DUE_INDEX_PK, s(duePk(kind, lead.leadId())));
            item.put(Wiring.DUE_INDEX_SK, s(dueSk(due, lead.leadId())));
        }
        if (!lead.stage().isTerminal() && lead.stageEnteredAt() != null) {
            // sparse: closed leads leave the index, so "stuck" never reads them
            item.put(Wiring.STAGE_INDEX_PK, s(stagePk(lead.stage().name(), lead.leadId())));
            item.put(Wiring.STAGE_INDEX_SK, s(dueSk(lead.stageEnteredAt(), lead.leadId())));
        }
        PutItemRequest.Builder put = PutItemRequest.builder().tableName(table).item(item);
        if (expected == 0) {
            put.conditionExpression("attribute_not_exists(pk)");
        } else {
            put.conditionExpression("version = :v").expressionAttributeValues(Map.of(":v", n(expected)));
        }
        try {
            dynamo.putItem(put.build());
            return WriteResult.WRITTEN;
        } catch (ConditionalCheckFailedException e) {
            // The SDK retries a put whose response was lost (a 5xx or timeout after DynamoDB applied
            // it); the retry then fails its own condition. Reporting that as a conflict made the
            // caller re-read, find the stage already moved and never publish the transition.
            return isOurs(item) ? WriteResult.WRITTEN : WriteResult.CONFLICT;
        }
    }

    private boolean isOurs(Map<String, AttributeValue> written) {
        Map<String, AttributeValue> stored = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", written.get("pk"), "sk", written.get("sk")))).item();
        // not the data: two writers can compute identical snapshots, and taking the rival's write
        // for ours would lose our update
        return stored != null && written.get("writeId").equals(stored.get("writeId"));
    }

    /** Whether the lead's snapshot exists: one small read, not the whole partition. */
    public boolean exists(String leadId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", s(leadPk(leadId)), "sk", s(SNAPSHOT))).projectionExpression("pk")).item();
        return item != null && !item.isEmpty();
    }

    /** Put-if-absent; false when this transition (lead, seq) is already in the log. */
    public boolean appendTransition(Transition t) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(leadPk(t.leadId())));
        item.put("sk", s(String.format("TR#%06d", t.seq())));
        item.put("data", pack(t));
        item.put("transitionId", s(t.transitionId()));
        if (t.causationId() != null) {
            item.put("causationId", s(t.causationId()));
        }
        return putIfAbsent(item);
    }

    /** Put-if-absent keyed on the signal id; false when it was stored before (a resend). */
    public boolean putSignal(String leadId, Signal signal) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(leadPk(leadId)));
        item.put("sk", s("SIG#" + signal.signalId()));
        item.put("data", s(Json.write(signal)));
        if (signal.occurredAt() != null) {
            long expires = signal.occurredAt().plus(Duration.ofDays(signalTtlDays)).getEpochSecond();
            item.put(Wiring.TTL_ATTRIBUTE, n(expires));
        }
        return putIfAbsent(item);
    }

    /** Records the role of a person at an account, for the buying-group check. */
    public void putContact(String domain, String leadId, String role) {
        if (domain == null || role == null) {
            return;
        }
        dynamo.putItem(PutItemRequest.builder().tableName(table).item(Map.of(
                "pk", s("ACCOUNT#" + domain), "sk", s("CONTACT#" + leadId), "role", s(role))).build());
    }

    /** Everyone known at the account: lead id → role. */
    public Map<String, String> contacts(String domain) {
        Map<String, String> out = new HashMap<>();
        if (domain == null) {
            return out;
        }
        QueryResponse r = dynamo.query(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s("ACCOUNT#" + domain)))
                .build());
        r.items().forEach(i -> out.put(i.get("sk").s().substring("CONTACT#".length()), i.get("role").s()));
        return out;
    }

    /**
     * Funnel counters for one transition, in one write: entries per stage, exits with the time
     * spent in the stage left (bucketed, for medians), reasons per decision, partner influence.
     * One item per day and shard, so no key takes every write and a report reads a few items a day.
     */
    public void countTransition(Transition t, Lead before) {
        countTransitions(List.of(t), before);
    }

    /**
     * Funnel counters for the transitions of one snapshot write, in order, in one write per day item
     * (the steps of one write share their instant, so one): each step's exit is timed from the
     * previous step (or from {@code before}'s stage entry for the first). A counter two steps touch
     * gets their sum (a name may appear once per update expression). DynamoDB bills an update by
     * the item's size, not by the counters in it, so the second step's counters cost nothing more.
     */
    public void countTransitions(List<Transition> made, Lead before) {
        String motion = before.motion() == null ? "unknown" : before.motion();
        String channel = before.source().channel() == null ? "direct" : before.source().channel();
        Map<String, Map<String, Long>> byDay = new java.util.LinkedHashMap<>();
        Instant entered = before.stageEnteredAt();
        for (Transition t : made) {
            Map<String, Long> counts = byDay.computeIfAbsent(Stats.pk(t.at()), k -> new java.util.LinkedHashMap<>());
            counts.merge(Stats.entered(motion, channel, t.to().name()), 1L, Long::sum);
            if (entered != null) {
                long seconds = Math.max(0, Duration.between(entered, t.at()).getSeconds());
                counts.merge(Stats.exited(motion, channel, t.from().name(), Stats.bucket(seconds)), 1L, Long::sum);
            }
            if (t.reason() != null) {
                counts.merge(Stats.reason(motion, channel, t.rule(), t.reason()), 1L, Long::sum);
            }
            if (before.partner() != null) {
                counts.merge(Stats.partner(motion, before.partner().partnerId(), t.to().name()), 1L, Long::sum);
            }
            entered = t.at();
        }
        if (!made.isEmpty()) {
            byDay.forEach((pk, counts) -> addCounters(pk, made.get(0).leadId(), counts));
        }
    }

    /** Counts a new lead (entering NEW_INBOUND is not a transition) for the funnel report. */
    public void countCreated(Lead lead, Instant at) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        counts.put(Stats.entered(lead.motion() == null ? "unknown" : lead.motion(),
                lead.source().channel() == null ? "direct" : lead.source().channel(), lead.stage().name()), 1L);
        if (lead.partner() != null) {
            counts.put(Stats.partner(lead.motion(), lead.partner().partnerId(), lead.stage().name()), 1L);
        }
        addCounters(Stats.pk(at), lead.leadId(), counts);
    }

    /** Counts an SLA breach for the funnel report. */
    public void countBreach(Lead lead, Instant at) {
        addCounters(Stats.pk(at), lead.leadId(), Map.of(Stats.breach(lead.motion() == null ? "unknown" : lead.motion(),
                lead.source().channel() == null ? "direct" : lead.source().channel(), lead.stage().name()), 1L));
    }

    private void addCounters(String dayPk, String leadId, Map<String, Long> counts) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> adds = new ArrayList<>();
        counts.forEach((attribute, count) -> {
            String alias = "#c" + names.size();
            names.put(alias, attribute);
            values.put(":n" + count, n(count));
            adds.add(alias + " :n" + count);
        });
        dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                .key(Map.of("pk", s(dayPk), "sk", s(Integer.toString(Math.floorMod(leadId.hashCode(), STATS_SHARDS)))))
                .updateExpression("ADD " + String.join(", ", adds))
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build());
    }

    /** All counters of one day, summed over the shards. */
    public Map<String, Long> countersOf(String day) {
        Map<String, Long> out = new HashMap<>();
        QueryResponse r = dynamo.query(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s("STATS#" + day)))
                .build());
        for (Map<String, AttributeValue> item : r.items()) {
            item.forEach((k, v) -> {
                if (v.n() != null) {
                    out.merge(k, Long.parseLong(v.n()), Long::sum);
                }
            });
        }
        return out;
    }

    /** Leads that entered {@code stage} at or before {@code enteredBefore}, oldest first: (leadId, enteredAt). */
    public List<Map.Entry<String, Instant>> inStageSince(String stage, Instant enteredBefore, int limit) {
        List<Map.Entry<String, Instant>> out = new ArrayList<>();
        String upTo = String.format("%013d#~", enteredBefore.toEpochMilli());
        for (int shard = 0; shard < TIMER_SHARDS; shard++) {
            QueryResponse r = dynamo.query(QueryRequest.builder().tableName(table).indexName(Wiring.STAGE_INDEX)
                    .keyConditionExpression(Wiring.STAGE_INDEX_PK + " = :pk AND " + Wiring.STAGE_INDEX_SK + " <= :upTo")
                    .expressionAttributeValues(Map.of(":pk", s("STAGE#" + stage + "#" + shard), ":upTo", s(upTo)))
                    .limit(limit)
                    .build());
            for (Map<String, AttributeValue> item : r.items()) {
                String sk = item.get(Wiring.STAGE_INDEX_SK).s();
                int hash = sk.indexOf('#');
                out.add(Map.entry(sk.substring(hash + 1), Instant.ofEpochMilli(Long.parseLong(sk.substring(0, hash)))));
            }
        }
        out.sort(Map.Entry.comparingByValue());
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    /** Keeps the data-quality audit's per-flag lists in step with a lead's flags. */
    public void syncDataQuality(String leadId, java.util.Set<String> before, java.util.Set<String> after) {
        for (String flag : after) {
            if (!before.contains(flag)) {
                dynamo.putItem(PutItemRequest.builder().tableName(table)
                        .item(Map.of("pk", s("DQ#" + flag), "sk", s(leadId))).build());
            }
        }
        for (String flag : before) {
            if (!after.contains(flag)) {
                dynamo.deleteItem(b -> b.tableName(table).key(Map.of("pk", s("DQ#" + flag), "sk", s(leadId))));
            }
        }
    }

    /** Counts an engagement signal whose page or asset maps to nothing in the taxonomy. */
    public void countUnmapped(String kind, String value) {
        dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                .key(Map.of("pk", s("DQ#unmapped-" + kind), "sk", s(value)))
                .updateExpression("ADD seen :one")
                .expressionAttributeValues(Map.of(":one", n(1)))
                .build());
    }

    /** A data-quality list: up to {@code limit} sort keys (lead ids, or unmapped values with counts). */
    public Map<String, Long> dataQuality(String flag, int limit) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        QueryResponse r = dynamo.query(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s("DQ#" + flag)))
                .limit(limit)
                .build());
        r.items().forEach(i -> out.put(i.get("sk").s(), i.containsKey("seen") ? Long.parseLong(i.get("seen").n()) : 1L));
        return out;
    }

    static String stagePk(String stage, String leadId) {
        return "STAGE#" + stage + "#" + Math.floorMod(leadId.hashCode(), TIMER_SHARDS);
    }

    /** The last assignee of a team and the item version, for fair rotation under concurrency. */
    public record Rotation(String lastAssigned, long version) {
    }

    public Rotation rotation(String team) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", s("ROTATION"), "sk", s("TEAM#" + team)))).item();
        if (item == null || item.isEmpty()) {
            return new Rotation(null, 0);
        }
        return new Rotation(item.get("last").s(), Long.parseLong(item.get("version").n()));
    }

    /** False when another assignment in the team happened since {@code expected} was read. */
    public boolean saveRotation(String team, String last, Rotation expected) {
        Map<String, AttributeValue> item = Map.of("pk", s("ROTATION"), "sk", s("TEAM#" + team), "last", s(last),
                "version", n(expected.version() + 1), "writeId", s(java.util.UUID.randomUUID().toString()));
        PutItemRequest.Builder put = PutItemRequest.builder().tableName(table).item(item);
        if (expected.version() == 0) {
            put.conditionExpression("attribute_not_exists(pk)");
        } else {
            put.conditionExpression("version = :v").expressionAttributeValues(Map.of(":v", n(expected.version())));
        }
        try {
            dynamo.putItem(put.build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            // as for snapshots: a retried put whose first attempt landed is ours, else a person's
            // turn would be skipped
            return isOurs(item);
        }
    }

    static String duePk(String kind, String leadId) {
        return "DUE#" + kind + "#" + Math.floorMod(leadId.hashCode(), TIMER_SHARDS);
    }

    static String dueSk(Instant due, String leadId) {
        // zero-padded epoch millis sort correctly as strings; ISO strings with fractions do not
        return String.format("%013d#%s", due.toEpochMilli(), leadId);
    }

    /** Lead ids whose timer of {@code kind} ("sla" or "recycle") is due at or before {@code now}. */
    public List<String> due(String kind, Instant now, int limit) {
        List<String> ids = new ArrayList<>();
        String upTo = String.format("%013d#~", now.toEpochMilli());
        for (int shard = 0; shard < TIMER_SHARDS && ids.size() < limit; shard++) {
            Map<String, AttributeValue> start = null;
            do {
                QueryResponse r = dynamo.query(QueryRequest.builder().tableName(table)
                        .indexName(Wiring.DUE_INDEX)
                        .keyConditionExpression(Wiring.DUE_INDEX_PK + " = :pk AND " + Wiring.DUE_INDEX_SK + " <= :upTo")
                        .expressionAttributeValues(Map.of(":pk", s("DUE#" + kind + "#" + shard), ":upTo", s(upTo)))
                        .limit(Math.max(1, limit - ids.size()))
                        .exclusiveStartKey(start)
                        .build());
                for (Map<String, AttributeValue> item : r.items()) {
                    String sk = item.get(Wiring.DUE_INDEX_SK).s();
                    ids.add(sk.substring(sk.indexOf('#') + 1));
                }
                start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() && ids.size() < limit
                        ? r.lastEvaluatedKey() : null;
            } while (start != null);
        }
        return ids;
    }

    private boolean putIfAbsent(Map<String, AttributeValue> item) {
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk)").build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Snapshots and transitions are stored as deflated JSON: DynamoDB bills writes per KB of item,
     * and the explained scores and evidence compress well. Deflate starts from {@link #DICTIONARY}:
     * on items of 0.5–2 KB most of the bytes are the field names and stage/rule words, which a
     * plain deflate stream has to spell out once per item; with them preset (and the best level,
     * a few tens of microseconds on such items) a snapshot shrinks by a further ~35% (800 → 500
     * bytes after routing: the assignment write drops from 2 write units to 1, as does the single
     * transition write of the stage-engaged path). Small items (signals) stay plain text.
     * Reads accept all forms: plain text, deflate without a dictionary (items stored before), and
     * deflate with it.
     */
    static AttributeValue pack(Object value) {
        byte[] json = Json.write(value).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION);
        try {
            deflater.setDictionary(DICTIONARY);
            deflater.setInput(json);
            deflater.finish();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(json.length / 2 + 16);
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return AttributeValue.builder().b(software.amazon.awssdk.core.SdkBytes.fromByteArray(out.toByteArray())).build();
        } finally {
            deflater.end();
        }
    }

    static <T> T unpack(AttributeValue v, Class<T> type) {
        if (v.s() != null) {
            return Json.read(v.s(), type);
        }
        java.util.zip.Inflater inflater = new java.util.zip.Inflater();
        try {
            inflater.setInput(v.b().asByteArray());
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && inflater.needsDictionary()) {
                    // the stream names its dictionary by Adler-32: only ours is known
                    if (inflater.getAdler() != DICTIONARY_ID) {
                        throw new IllegalStateException("stored item needs an unknown dictionary " + inflater.getAdler());
                    }
                    inflater.setDictionary(DICTIONARY);
                    continue;
                }
                if (n == 0 && inflater.needsInput()) {
                    throw new IllegalStateException("truncated stored item");
                }
                out.write(buffer, 0, n);
            }
            return Json.read(out.toString(java.nio.charset.StandardCharsets.UTF_8), type);
        } catch (java.util.zip.DataFormatException e) {
            throw new IllegalStateException("corrupt stored item", e);
        } finally {
            inflater.end();
        }
    }

    /**
     * The preset deflate dictionary: the shape of a snapshot and of a transition (field names, stage
     * names, the common words), no values of any lead. Stored items name it by its Adler-32, so it
     * must NEVER change: to improve it, add a second one and pick by {@code getAdler()} in unpack.
     * Deflate matches the end of the dictionary best, so the most frequent parts come last.
     */
    static final byte[] DICTIONARY = (
            "{\"leadId\":\"ld_\",\"seq\":1,\"from\":\"NEW_INBOUND\",\"to\":\"MARKETING_ENGAGED\",\"at\":\"2026-12-01T00:00:00Z\","
            + "\"actor\":\"automation\",\"rule\":\"\",\"ruleSetVersion\":\"\",\"passed\":[],\"failed\":[],\"evidence\":{"
            + "\"recentSignals\":[\"pv-\",\"sub_\"],\"signals\":2,\"criteria\":{\"icp-\":true,\"non-buyer-role\":false},"
            + "\"intentScore\":0,\"fitScore\":0},\"reason\":\"\",\"note\":\"\",\"causationId\":\"\"}"
            + "{\"leadId\":\"ld_\",\"email\":\"\",\"person\":{\"firstName\":\"\",\"lastName\":\"\",\"jobTitle\":\"\","
            + "\"phone\":\"\",\"role\":\"\"},\"company\":{\"name\":\"\",\"domain\":\"\",\"industrySelected\":\"\","
            + "\"industry\":\"\",\"size\":0,\"country\":\"US\",\"region\":\"NA\"},\"motion\":\"\",\"stage\":\"\","
            + "\"status\":\"\",\"useCases\":[],\"frameworks\":[],\"selections\":{},\"source\":{\"formType\":\"\",\"asset\":\"\","
            + "\"campaignType\":\"\",\"campaignName\":\"\",\"utmSource\":\"\",\"utmMedium\":\"\",\"utmCampaign\":\"\"},"
            + "\"partner\":{\"partnerId\":\"\",\"prequalified\":false},\"facts\":{},\"scores\":{\"fit\":0,\"intent\":0,"
            + "\"computedAt\":\"2026-12-01T00:00:00Z\",\"lines\":[{\"kind\":\"FIT\",\"rule\":\"fit-\",\"points\":10.0},"
            + "{\"kind\":\"INTENT\",\"rule\":\"type:form_submission\",\"signalId\":\"sub_\",\"points\":10.0},"
            + "{\"kind\":\"INTENT\",\"rule\":\"topic:\",\"signalId\":\"pv-\",\"points\":3.0}]},"
            + "\"assignment\":{\"team\":\"\",\"owner\":\"\",\"assignedAt\":\"\",\"transitionId\":\"\"},"
            + "\"sla\":{\"stage\":\"MARKETING_QUALIFIED\",\"name\":\"\",\"dueAt\":\"\",\"escalations\":0},"
            + "\"followUp\":{\"dueAt\":\"\",\"reason\":\"\"},\"qualifiedByRule\":\"\",\"dataQuality\":[],\"createdAt\":\"\","
            + "\"stageEnteredAt\":\"\",\"updatedAt\":\"\",\"transitions\":0,\"version\":0}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    static final int DICTIONARY_ID;

    static {
        java.util.zip.Adler32 adler = new java.util.zip.Adler32();
        adler.update(DICTIONARY);
        DICTIONARY_ID = (int) adler.getValue();
    }

    static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }

    static AttributeValue n(long v) {
        return AttributeValue.builder().n(Long.toString(v)).build();
    }
}
