package io.stagegate.reliability;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Records the version of every lead snapshot put that succeeded, per lead (an SDK interceptor). */
final class SnapshotWrites implements ExecutionInterceptor {

    private final Map<String, List<Long>> versions = new ConcurrentHashMap<>();

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof PutItemRequest put && put.hasItem()) {
            Map<String, AttributeValue> item = put.item();
            if (item.containsKey("sk") && "LEAD".equals(item.get("sk").s()) && item.containsKey("version")) {
                String leadId = item.get("pk").s().substring("LEAD#".length());
                versions.computeIfAbsent(leadId, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                        .add(Long.parseLong(item.get("version").n()));
            }
        }
    }

    List<Long> of(String leadId) {
        List<Long> v = versions.getOrDefault(leadId, List.of());
        synchronized (v) {
            return List.copyOf(v);
        }
    }

    int total() {
        return versions.values().stream().mapToInt(List::size).sum();
    }
}
