package io.stagegate.bench;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every SDK request of the handlers (installed with {@code io.stagegate.aws.AwsClients.addInterceptor}):
 * per service and operation the calls, failures, DynamoDB capacity (asked for here, with
 * ReturnConsumedCapacity=TOTAL, not in production code), items read by queries and the
 * EventBridge entries.
 */
public final class RequestCounter implements ExecutionInterceptor {

    public static final class Op {
        public final LongAdder calls = new LongAdder();
        public final LongAdder failures = new LongAdder();
        public final DoubleAdder readUnits = new DoubleAdder();
        public final DoubleAdder writeUnits = new DoubleAdder();
        public final LongAdder itemsScanned = new LongAdder();
        public final LongAdder entries = new LongAdder();
    }

    private final Map<String, Op> ops = new ConcurrentHashMap<>();
    /** TRACE_REQUESTS=1 prints one line per request (operation, key, capacity): where a count comes from. */
    private static final boolean TRACE = "1".equals(System.getenv("TRACE_REQUESTS"));

    public void reset() {
        ops.clear();
    }

    /** "Service.Operation" → counters, sorted. */
    public Map<String, Op> snapshot() {
        return new TreeMap<>(ops);
    }

    private Op op(ExecutionAttributes a) {
        String key = a.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "." + a.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        return ops.computeIfAbsent(key, k -> new Op());
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest r = context.request();
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        if (r instanceof PutItemRequest p) {
            return p.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof UpdateItemRequest u) {
            return u.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof DeleteItemRequest d) {
            return d.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof QueryRequest q) {
            return q.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof GetItemRequest g) {
            return g.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof BatchWriteItemRequest b) {
            return b.toBuilder().returnConsumedCapacity(total).build();
        }
        return r;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Op op = op(attributes);
        op.calls.increment();
        SdkResponse r = context.response();
        if (r instanceof PutItemResponse p) {
            write(op, p.consumedCapacity());
        } else if (r instanceof UpdateItemResponse u) {
            write(op, u.consumedCapacity());
        } else if (r instanceof DeleteItemResponse d) {
            write(op, d.consumedCapacity());
        } else if (r instanceof BatchWriteItemResponse b && b.consumedCapacity() != null) {
            b.consumedCapacity().forEach(c -> write(op, c));
        } else if (r instanceof QueryResponse q) {
            read(op, q.consumedCapacity());
            op.itemsScanned.add(q.scannedCount() == null ? q.count() : q.scannedCount());
        } else if (r instanceof GetItemResponse g) {
            read(op, g.consumedCapacity());
            op.itemsScanned.add(g.hasItem() ? 1 : 0);
        }
        if (context.request() instanceof PutEventsRequest pe) {
            op.entries.add(pe.entries().size());
        }
        if (TRACE) {
            System.out.println("TRACE " + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + " "
                    + describe(context.request()) + " " + capacity(r));
        }
    }

    private static String describe(SdkRequest r) {
        if (r instanceof PutItemRequest p) {
            StringBuilder sizes = new StringBuilder();
            p.item().forEach((k, v) -> sizes.append(' ').append(k).append('=').append(k.length() + size(v)));
            if (System.getenv("TRACE_DUMP") != null) {
                p.item().forEach((k, v) -> {
                    if (v.b() != null) {
                        try {
                            java.util.zip.Inflater inf = new java.util.zip.Inflater();
                            inf.setInput(v.b().asByteArray());
                            byte[] out = new byte[1 << 16];
                            int n = inf.inflate(out);
                            java.nio.file.Files.write(java.nio.file.Path.of(System.getenv("TRACE_DUMP"),
                                    p.item().get("sk").s().replace('#', '_') + "-" + k + "-" + System.nanoTime() + ".json"),
                                    java.util.Arrays.copyOf(out, n));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
            }
            return p.item().get("pk").s() + " " + p.item().get("sk").s() + sizes;
        } else if (r instanceof UpdateItemRequest u) {
            return u.key().get("pk").s() + " " + u.key().get("sk").s() + " " + u.updateExpression();
        } else if (r instanceof GetItemRequest g) {
            return g.key().get("pk").s() + " " + g.key().get("sk").s();
        } else if (r instanceof QueryRequest q) {
            return q.keyConditionExpression() + " " + q.expressionAttributeValues().values();
        } else if (r instanceof PutEventsRequest pe) {
            return pe.entries().stream().map(e -> e.detailType()).toList().toString();
        }
        return "";
    }

    /** Approximately as DynamoDB sizes an attribute value (strings and binaries by bytes, numbers ~ digits). */
    private static int size(software.amazon.awssdk.services.dynamodb.model.AttributeValue v) {
        if (v.s() != null) {
            return v.s().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        } else if (v.b() != null) {
            return v.b().asByteArray().length;
        } else if (v.n() != null) {
            return v.n().length() / 2 + 1;
        }
        return 1;
    }

    private static String capacity(SdkResponse r) {
        if (r instanceof PutItemResponse p && p.consumedCapacity() != null) {
            return "WRU=" + p.consumedCapacity().capacityUnits();
        } else if (r instanceof UpdateItemResponse u && u.consumedCapacity() != null) {
            return "WRU=" + u.consumedCapacity().capacityUnits();
        } else if (r instanceof QueryResponse q && q.consumedCapacity() != null) {
            return "RRU=" + q.consumedCapacity().capacityUnits() + " items=" + q.count();
        } else if (r instanceof GetItemResponse g && g.consumedCapacity() != null) {
            return "RRU=" + g.consumedCapacity().capacityUnits();
        }
        return "";
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Op op = op(attributes);
        op.calls.increment();
        op.failures.increment();
        // a failed conditional write still consumes at least one write unit in DynamoDB
        if (context.request() instanceof PutItemRequest || context.request() instanceof UpdateItemRequest
                || context.request() instanceof DeleteItemRequest) {
            op.writeUnits.add(1);
        }
    }

    private static void write(Op op, ConsumedCapacity c) {
        if (c != null && c.capacityUnits() != null) {
            op.writeUnits.add(c.capacityUnits());
        }
    }

    private static void read(Op op, ConsumedCapacity c) {
        if (c != null && c.capacityUnits() != null) {
            op.readUnits.add(c.capacityUnits());
        }
    }

    static List<String> keys(Map<String, Op> m) {
        return List.copyOf(m.keySet());
    }
}
