package io.stagegate.aws;

import io.stagegate.model.LeadModelLoader;
import io.stagegate.model.domain.LeadModel;
import io.stagegate.stages.domain.StageEngine;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The composition root of one function: configuration, the lead model and engine, the SDK clients
 * and the adapters, built once at init (Lambda reuses the instance across invocations).
 * Each handler asks only for what it uses, so a function never builds a client it does not need.
 */
public final class Components {

    private final StagegateConfig config;
    private final Clock clock;
    private final AwsClients clients;
    private final LeadModel model;
    private final StageEngine engine;
    private LeadStore store;
    private EventPublisher publisher;
    private QueueSender sender;
    private final Priming priming; // held here: CRaC registers resources weakly

    public Components(Map<String, String> env, List<String> requiredEnv, Clock clock) {
        this.config = StagegateConfig.from(env, requiredEnv);
        this.clock = clock;
        this.clients = new AwsClients(config);
        this.model = LeadModelLoader.load(config.leadModel());
        this.engine = new StageEngine(model);
        this.priming = Priming.register(this);
    }

    /** What SnapStart's checkpoint runs ({@link Priming}); side-effect free. */
    public void prime() {
        priming.prime();
    }

    /** Adds a handler's own side-effect-free request path to the priming. */
    public void primeAlso(Runnable step) {
        priming.add(step);
    }

    public StagegateConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public LeadModel model() {
        return model;
    }

    public StageEngine engine() {
        return engine;
    }

    public synchronized LeadStore store() {
        if (store == null) {
            store = new LeadStore(clients.dynamoDb(), config.tableName(), model.scoring().windowDays());
        }
        return store;
    }

    public synchronized EventPublisher publisher() {
        if (publisher == null) {
            publisher = new EventPublisher(clients.eventBridge(), config.eventBusName());
        }
        return publisher;
    }

    public synchronized QueueSender sender() {
        if (sender == null) {
            sender = new QueueSender(clients.sqs());
        }
        return sender;
    }
}
