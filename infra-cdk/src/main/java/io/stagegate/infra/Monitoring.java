package io.stagegate.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * Alarms to one encrypted, SSL-only SNS topic: a message in any DLQ, any function error, and SLA
 * breaches counted by the SLA-expiry handler.
 */
public class Monitoring extends Construct {

    /** Custom metric the SLA-expiry handler emits (EMF) with an empty dimension set, one per breach. */
    public static final String SLA_NAMESPACE = "Stagegate";
    public static final String SLA_METRIC = "SlaBreaches";

    private final Topic topic;
    private final SnsAction action;

    public Monitoring(Construct scope, String id, StagegateConfig config, Queues queues, Functions functions) {
        super(scope, id);
        // CloudWatch cannot publish to a topic under the AWS-managed SNS key: a customer key it may use
        Key key = Key.Builder.create(this, "AlarmTopicKey")
                .description("Encrypts the Stagegate alarm topic")
                .enableKeyRotation(true)
                .build();
        key.grant(new ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*");
        this.topic = Topic.Builder.create(this, "AlarmTopic")
                .displayName("Stagegate alarms (" + config.environment() + ")")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        config.alarmEmail().ifPresent(email -> topic.addSubscription(new EmailSubscription(email)));
        this.action = new SnsAction(topic);

        for (QueueWithDlq q : queues.all()) {
            alarm(q.def().name() + "-dlq-depth",
                    q.deadLetterQueue().metricApproximateNumberOfMessagesVisible().with(
                            MetricOptions.builder()
                                    .period(Duration.minutes(5)).statistic("Maximum").build()),
                    "Messages in " + q.def().dlqName() + ": they failed " + q.def().maxReceiveCount()
                            + " times; inspect, fix, then redrive");
        }
        for (StagegateFunction fn : functions.all()) {
            alarm(fn.def().name() + "-errors",
                    fn.function().metricErrors(MetricOptions.builder()
                            .period(Duration.minutes(5)).statistic("Sum").build()),
                    "Errors (uncaught exceptions or timeouts) in " + fn.def().name());
        }
        alarm("stagegate-sla-breaches",
                Metric.Builder.create()
                        .namespace(SLA_NAMESPACE)
                        .metricName(SLA_METRIC)
                        .statistic("Sum")
                        .period(Duration.minutes(5))
                        .build(),
                "Leads passed their SLA deadline (" + SLA_NAMESPACE + "/" + SLA_METRIC + ")");
    }

    private void alarm(String name, IMetric metric, String description) {
        Alarm alarm = Alarm.Builder.create(this, name)
                .alarmName(name)
                .alarmDescription(description)
                .metric(metric)
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(action);
    }

    public Topic topic() {
        return topic;
    }
}
