package io.branchline.box.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.Box;
import io.branchline.box.BoxApi;
import io.branchline.box.SimulatedBox;
import io.branchline.box.config.BoxConfig;
import io.branchline.box.web.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRM servers (锦云通讯) set from the admin page: checked as the file's crm: section is, the token never
 * shown again nor logged, and used from the next start.
 */
class CrmSettingsTest {
    private static final String TOKEN = "tok-9f8e7d6c5b4a-secret";

    @TempDir
    Path dataDir;

    @Test
    void savedServersAreCheckedKeptWithoutShowingTheTokenAndUsedFromTheNextStart() throws Exception {
        try (Box box = SimulatedBox.start(BoxConfig.empty(), dataDir, false)) {
            BoxApi api = new BoxApi(box);
            JsonNode first = Json.MAPPER.readTree(api.send("GET", "/api/settings/crm", null).body());
            assertEquals("file", first.path("from").asText());
            assertTrue(first.path("inUse").path("simulated").asBoolean(), "simulate mode's stand-in servers");

            assertRefused(api, "{\"private-url\":\"http://crm.branch.example/crm\",\"box-token\":\"x\"}", "private-url");
            assertRefused(api, "{\"private-url\":\"https://crm.branch.example/crm\"}", "box-token");
            assertRefused(api, "{\"private-url\":\"https:///nohost\",\"box-token\":\"x\"}", "private-url");
            assertRefused(api, "{\"public-url\":\"https://a.example/\",\"box-token\":\"two words\"}", "box-token");
            assertRefused(api, "{\"public-url\":\"https://a.example/\",\"box-token\":\"x\",\"return-hour\":24}",
                    "return-hour");
            assertRefused(api, "{\"allow-plain-http\":true}", "allow-plain-http");

            HttpResponse<String> saved = api.send("PUT", "/api/settings/crm", "{\"private-url\":"
                    + "\"https://crm.branch.example/crm\",\"public-url\":\"https://public.vendor.example/crm\","
                    + "\"box-token\":\"" + TOKEN + "\",\"failures-before-failover\":3}");
            assertEquals(200, saved.statusCode(), saved.body());
            assertFalse(saved.body().contains(TOKEN), saved.body());
            JsonNode s = Json.MAPPER.readTree(saved.body());
            assertTrue(s.path("boxTokenSet").asBoolean());
            assertTrue(s.path("restartNeeded").asBoolean());
            assertEquals("page", s.path("from").asText());

            // The token stays when a later change gives none.
            HttpResponse<String> again = api.send("PUT", "/api/settings/crm", "{\"private-url\":"
                    + "\"https://crm2.branch.example/crm\",\"return-hour\":4}");
            assertEquals(200, again.statusCode(), again.body());
            assertTrue(Json.MAPPER.readTree(again.body()).path("boxTokenSet").asBoolean());
            for (String where : new String[] {"/api/audit", "/api/system/logs"}) {
                assertFalse(api.send("GET", where, null).body().contains(TOKEN), where + " shows the token");
            }
        }
        try (Box again = SimulatedBox.start(BoxConfig.empty(), dataDir, false)) {
            BoxApi api = new BoxApi(again);
            JsonNode s = Json.MAPPER.readTree(api.send("GET", "/api/settings/crm", null).body());
            assertEquals("https://crm2.branch.example/crm", s.path("inUse").path("private-url").asText(), s.toString());
            assertEquals(5, s.path("inUse").path("failures-before-failover").asInt(), "a PUT replaces the settings"
                    + " (the token alone is kept): what the second one left out is the default again");
            assertEquals(4, s.path("inUse").path("return-hour").asInt());
            assertFalse(s.path("restartNeeded").asBoolean());
            JsonNode sync = Json.MAPPER.readTree(api.send("GET", "/api/sync", null).body());
            assertTrue(sync.toString().contains("crm2.branch.example"), sync.toString());
            assertEquals("file", Json.MAPPER.readTree(api.send("DELETE", "/api/settings/crm", null).body())
                    .path("from").asText());
        }
    }

    private static void assertRefused(BoxApi api, String body, String field) throws Exception {
        HttpResponse<String> r = api.send("PUT", "/api/settings/crm", body);
        assertEquals(400, r.statusCode(), body + " -> " + r.body());
        assertEquals(field, Json.MAPPER.readTree(r.body()).path("field").asText(), body + " -> " + r.body());
    }
}
