package io.stagegate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagegate.aws.AwsClients;
import io.stagegate.aws.Json;
import io.stagegate.lead.domain.LeadIds;
import io.stagegate.local.LocalRuntime;
import io.stagegate.wiring.Wiring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Goal 4, requests per lead and cost: runs leads one at a time through the whole local pipeline
 * (HTTP API → intake → scoring → stage evaluation → routing → sales queue) and counts, through an
 * SDK ExecutionInterceptor on the handlers' clients, every DynamoDB request with its consumed
 * capacity, every SQS and EventBridge request, and every handler invocation; then prices them.
 *
 * <p>Usage: {@code bench/run RequestsPerLead [leads per path, default 10]}
 */
public final class RequestsPerLead {

    // AWS list prices, us-east-1, as published on the pricing pages (checked 2026-12-04; DynamoDB
    // on-demand after the 2024-11-01 reduction). USD.
    static final double DDB_WRU = 0.625 / 1e6;          // per write request unit, on-demand
    static final double DDB_RRU = 0.125 / 1e6;          // per read request unit, on-demand
    static final double SQS_REQUEST = 0.40 / 1e6;       // standard queue, per request (64 KB chunk)
    static final double EB_EVENT = 1.00 / 1e6;          // custom event published (64 KB chunk)
    static final double LAMBDA_REQUEST = 0.20 / 1e6;    // per invocation
    static final double LAMBDA_GB_S_ARM = 0.0000133334; // per GB-second, arm64
    static final double HTTP_API_REQUEST = 1.00 / 1e6;  // API Gateway HTTP API, first 300 M/month

    record Flow(String name, String expectedStage, boolean withSignal, String jobTitle, String industry, int size) {
    }

    public static void main(String[] args) {
        Harness.main(args, a -> run(a));
    }

    static void run(String[] args) throws Exception {
        int leads = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Harness.header("requests and cost per lead, " + leads + " leads per path, one at a time",
                "bench/run RequestsPerLead " + String.join(" ", args));
        RequestCounter counter = new RequestCounter();
        AwsClients.addInterceptor(counter);
        Invocations invocations = new Invocations();
        try (LocalRuntime runtime = LocalRuntime.stagegate(null).anyFreePorts()
                .retryDelay(Duration.ZERO).runSchedules(false)
                .handlerFactory(invocations.factory()).start()) {
            String api = runtime.httpEndpoint().toString().replaceAll("/$", "");
            HttpClient http = HttpClient.newHttpClient();
            List<Flow> flows = List.of(
                    new Flow("first form → routed MQL", "MARKETING_QUALIFIED", true, "CISO", "Financial Services", 4200),
                    new Flow("stops at MARKETING_ENGAGED", "MARKETING_ENGAGED", true, "Student", "Education", 15));
            // one warm-up lead per path (JIT, first connections) that is not counted
            for (Flow f : flows) {
                runLead(f, http, api, invocations, runtime);
            }
            for (Flow f : flows) {
                counter.reset();
                invocations.reset();
                int apiRequests = 0;
                String stage = null;
                for (int i = 0; i < leads; i++) {
                    var r = runLead(f, http, api, invocations, runtime);
                    apiRequests += r.apiRequests();
                    stage = r.stage();
                }
                report(f, leads, apiRequests, stage, counter, invocations);
            }
        }
        System.exit(0);
    }

    record LeadRun(int apiRequests, String stage) {
    }

    static LeadRun runLead(Flow f, HttpClient http, String api, Invocations inv, LocalRuntime runtime) throws Exception {
        String email = "cost-" + UUID.randomUUID().toString().substring(0, 12) + "@northbank.example";
        int requests = 0;
        post(http, api + "/v1/submissions", Json.write(Map.of("formType", "demo_request", "email", email,
                "company", "Northbank", "jobTitle", f.jobTitle(), "country", "US", "industry", f.industry(),
                "companySize", f.size(), "asset", "detections-overview")));
        requests++;
        inv.touch();
        inv.awaitQuiet(2_500, 60_000);
        if (f.withSignal()) {
            post(http, api + "/v1/signals", Json.write(List.of(Map.of("signalId", "pv-" + UUID.randomUUID(), "email", email,
                    "type", "page_view", "path", "/platform/detections"))));
            requests++;
            inv.touch();
            inv.awaitQuiet(2_500, 60_000);
        }
        // read back with the stand-ins' own client (not intercepted: not part of the lead's path)
        String stage = new io.stagegate.aws.LeadStore(runtime.standIns().dynamoDb(), Wiring.TABLE_NAME, 90)
                .load(LeadIds.fromEmail(email)).map(r -> r.lead().stage().name()).orElse("none");
        return new LeadRun(requests, stage);
    }

    private static void report(Flow f, int leads, int apiRequests, String stage, RequestCounter counter, Invocations inv) {
        System.out.println();
        System.out.printf("-- path: %s (final stage %s, expected %s)%n", f.name(), stage, f.expectedStage());
        if (!f.expectedStage().equals(stage)) {
            System.out.println("   WARNING: the path did not end where expected");
        }
        double wru = 0, rru = 0, sqsSends = 0, ebEntries = 0, ebCalls = 0, ddbCalls = 0;
        System.out.printf("   %-34s %8s %8s %8s %8s%n", "SDK request", "per lead", "WRU", "RRU", "items");
        for (var e : counter.snapshot().entrySet()) {
            RequestCounter.Op op = e.getValue();
            double calls = op.calls.sum() / (double) leads;
            System.out.printf("   %-34s %8.2f %8.2f %8.2f %8.2f%s%n", e.getKey(), calls, op.writeUnits.sum() / leads,
                    op.readUnits.sum() / leads, op.itemsScanned.sum() / (double) leads,
                    op.failures.sum() > 0 ? "  (" + op.failures.sum() / (double) leads + " failed)" : "");
            if (e.getKey().startsWith("DynamoDb")) {
                wru += op.writeUnits.sum() / leads;
                rru += op.readUnits.sum() / leads;
                ddbCalls += calls;
            } else if (e.getKey().startsWith("Sqs") || e.getKey().startsWith("SQS")) {
                sqsSends += calls;
            } else if (e.getKey().startsWith("EventBridge")) {
                ebEntries += op.entries.sum() / (double) leads;
                ebCalls += calls;
            }
        }
        double lambdaRequests = 0, gbSeconds = 0, sqsPolls = 0, ebDeliveries = 0;
        System.out.printf("   %-34s %8s %10s %8s%n", "function", "per lead", "median ms", "records");
        for (var e : inv.snapshot().entrySet()) {
            if (e.getKey().equals(Wiring.LEADS.name())) {
                continue; // the harness's own read-back of the stage
            }
            Invocations.Fn fn = e.getValue();
            double n = fn.invocations.sum() / (double) leads;
            lambdaRequests += n;
            double billed = 0;
            for (double ms : new ArrayList<>(fn.millis)) {
                billed += Math.ceil(ms) / 1000.0 * fn.memoryMb / 1024.0;
            }
            gbSeconds += billed / leads;
            if (fn.records.sum() > 0) {
                // Lambda's SQS event source: one ReceiveMessage and one DeleteMessageBatch per batch
                sqsPolls += 2 * n;
                if (!e.getKey().equals(Wiring.SCORING.name())) {
                    ebDeliveries += fn.records.sum() / (double) leads; // EventBridge → SQS target, an SQS send
                }
            }
            System.out.printf("   %-34s %8.2f %10.1f %8.2f%n", e.getKey(), n, Harness.median(fn.millis),
                    fn.records.sum() / (double) leads);
        }
        double sqsRequests = sqsSends + sqsPolls + ebDeliveries;
        double api = apiRequests / (double) leads;
        double perMillion = 1e6;
        double cDdb = (wru * DDB_WRU + rru * DDB_RRU) * perMillion;
        double cSqs = sqsRequests * SQS_REQUEST * perMillion;
        double cEb = ebEntries * EB_EVENT * perMillion;
        double cLambda = (lambdaRequests * LAMBDA_REQUEST + gbSeconds * LAMBDA_GB_S_ARM) * perMillion;
        double cApi = api * HTTP_API_REQUEST * perMillion;
        System.out.printf("   DynamoDB   %5.2f requests, %6.2f WRU, %6.2f RRU  → $%6.2f per 1M leads%n", ddbCalls, wru, rru, cDdb);
        System.out.printf("   SQS        %5.2f requests (%.2f sends by handlers, %.2f EventBridge→SQS deliveries, %.2f receive+delete)"
                + " → $%6.2f%n", sqsRequests, sqsSends, ebDeliveries, sqsPolls, cSqs);
        System.out.printf("   EventBridge %4.2f events in %.2f PutEvents calls → $%6.2f%n", ebEntries, ebCalls, cEb);
        System.out.printf("   Lambda     %5.2f invocations, %.4f GB-s (arm64, local durations) → $%6.2f%n", lambdaRequests, gbSeconds, cLambda);
        System.out.printf("   API GW     %5.2f HTTP API requests → $%6.2f%n", api, cApi);
        System.out.printf("   TOTAL $%.2f per 1,000,000 leads (%s)%n", cDdb + cSqs + cEb + cLambda + cApi, f.name());
    }

    private static void post(HttpClient http, String url, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            throw new IllegalStateException(url + " → " + r.statusCode() + " " + r.body());
        }
    }

    private static String get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
