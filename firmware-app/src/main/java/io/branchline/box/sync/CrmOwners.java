package io.branchline.box.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.web.Json;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CRM's owner of a caller's number ({@code GET /v1/numbers/{number}/owner}): the agent a queue offers the
 * call to first. Asked with a short limit, because the caller is waiting: a CRM that is slow, away or
 * answers nonsense gives nothing, and the box's own records decide.
 */
final class CrmOwners implements Function<String, Optional<String>> {
    private static final Logger log = LoggerFactory.getLogger(CrmOwners.class);
    static final Duration LIMIT = Duration.ofMillis(800);

    private final CrmClient client;
    private final CrmEndpoints endpoints;

    CrmOwners(CrmClient client, CrmEndpoints endpoints) {
        this.client = client;
        this.endpoints = endpoints;
    }

    @Override
    public Optional<String> apply(String number) {
        if (!number.matches("[0-9+]{3,32}")) {
            return Optional.empty(); // the contract's pattern: withheld or odd numbers are not asked about
        }
        CompletableFuture<Optional<String>> asked = CompletableFuture.supplyAsync(() -> ask(number),
                r -> Thread.ofVirtual().name("crm-owner").start(r));
        try {
            return asked.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            asked.cancel(true);
            log.info("event=crm-owner-slow limit_ms={} note=\"the box's own records choose the agent\"", LIMIT.toMillis());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (java.util.concurrent.ExecutionException e) {
            return Optional.empty();
        }
    }

    private Optional<String> ask(String number) {
        try {
            CrmClient.Answer a = client.get(endpoints.current().base(), "/v1/numbers/"
                    + java.net.URLEncoder.encode(number, java.nio.charset.StandardCharsets.UTF_8) + "/owner", LIMIT);
            if (!a.ok()) {
                return Optional.empty();
            }
            JsonNode body = Json.MAPPER.readTree(a.body());
            String agent = body.path("agent").asText("");
            return agent.matches("[A-Za-z0-9._-]{1,32}") ? Optional.of(agent) : Optional.empty();
        } catch (Exception e) {
            log.info("event=crm-owner-failed error=\"{}\"", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
