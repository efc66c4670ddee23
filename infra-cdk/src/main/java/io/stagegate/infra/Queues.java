package io.stagegate.infra;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.stagegate.wiring.Wiring;
import io.stagegate.wiring.Wiring.QueueDef;
import software.constructs.Construct;

/** Every queue of the wiring: the pipeline queues and one sales notification queue per team. */
public class Queues extends Construct {

    private final Map<String, QueueWithDlq> byName = new LinkedHashMap<>();
    private final List<QueueWithDlq> salesQueues = new ArrayList<>();

    public Queues(Construct scope, String id, List<String> teams) {
        super(scope, id);
        for (QueueDef def : Wiring.PIPELINE_QUEUES) {
            add(def);
        }
        for (String team : teams) {
            salesQueues.add(add(Wiring.salesQueue(team)));
        }
    }

    private QueueWithDlq add(QueueDef def) {
        QueueWithDlq q = new QueueWithDlq(this, def.name(), def);
        if (byName.putIfAbsent(def.name(), q) != null) {
            throw new IllegalStateException("queue " + def.name() + " defined twice (duplicate team id?)");
        }
        return q;
    }

    /** The queue of a definition of the wiring; fails if the stack does not create it. */
    public QueueWithDlq get(QueueDef def) {
        QueueWithDlq q = byName.get(def.name());
        if (q == null) {
            throw new IllegalStateException("no queue " + def.name() + " in the stack");
        }
        return q;
    }

    public List<QueueWithDlq> all() {
        return List.copyOf(byName.values());
    }

    public List<QueueWithDlq> salesQueues() {
        return Collections.unmodifiableList(salesQueues);
    }
}
