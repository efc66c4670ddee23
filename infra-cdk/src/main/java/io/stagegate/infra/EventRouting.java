package io.stagegate.infra;

import java.util.ArrayList;
import java.util.List;

import io.stagegate.wiring.Wiring;
import io.stagegate.wiring.Wiring.RuleDef;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.awscdk.services.events.targets.SqsQueueProps;
import software.constructs.Construct;

/** The event bus and one rule per {@link Wiring#RULES} entry, each delivering to its queue. */
public class EventRouting extends Construct {

    private final EventBus bus;
    private final List<Rule> rules = new ArrayList<>();

    public EventRouting(Construct scope, String id, Queues queues) {
        super(scope, id);
        this.bus = EventBus.Builder.create(this, "Bus").eventBusName(Wiring.EVENT_BUS_NAME).build();
        for (RuleDef def : Wiring.RULES) {
            QueueWithDlq target = queues.get(def.target());
            rules.add(Rule.Builder.create(this, def.name())
                    .ruleName(def.name())
                    .description("Wiring rule " + def.name() + " (" + def.detailType() + ")")
                    .eventBus(bus)
                    .eventPattern(EventPatterns.fromJson(def.pattern()))
                    .targets(List.of(new SqsQueue(target.queue(), SqsQueueProps.builder()
                            // events EventBridge cannot deliver land where the queue's failures land
                            .deadLetterQueue(target.deadLetterQueue())
                            .build())))
                    .build());
        }
    }

    public EventBus bus() {
        return bus;
    }

    public List<Rule> rules() {
        return List.copyOf(rules);
    }
}
