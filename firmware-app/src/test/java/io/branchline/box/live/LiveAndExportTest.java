package io.branchline.box.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.box.BoxApi;
import io.branchline.box.RunningBox;
import io.branchline.box.call.CallView;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The live stream, the CSV export and the figures' range, tried as a script and a hostile tester would. */
class LiveAndExportTest {
    @RegisterExtension
    static final RunningBox running = RunningBox.inMemory();

    @Test
    void theLiveStreamSaysTheStateAtOnceAndAtMostThirtyTwoRunTogether() throws Exception {
        String once = running.api().send("GET", "/api/live?once=true", null).body();
        assertTrue(once.startsWith("event: state\ndata: {\"lines\":[") && once.contains("\"id\":\"sim-1\""), once);
        HttpClient http = HttpClient.newHttpClient();
        List<InputStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < LiveService.MAX_STREAMS; i++) {
                HttpResponse<InputStream> r = http.send(BoxApi.request(running.box(), "/api/live").build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                assertEquals(200, r.statusCode());
                assertEquals('e', r.body().read(), "its first event is there at once");
                open.add(r.body());
            }
            HttpResponse<String> refused = running.api().send("GET", "/api/live", null);
            assertEquals(503, refused.statusCode(), refused.body());
        } finally {
            for (InputStream in : open) {
                in.close();
            }
        }
        long deadline = System.currentTimeMillis() + 30_000;
        int status = 0;
        while (status != 200 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200); // the box sees a closed stream at its next write
            status = running.api().send("GET", "/api/live?once=true", null).statusCode();
        }
        assertEquals(200, status, "closed streams give their places back");
    }

    @Test
    void theExportIsACsvExcelReadsWithTheListsFiltersAndNothingASpreadsheetWouldRun() throws Exception {
        CallView c = running.api().call("1001", "+86 139-1234-5672", null);
        running.api().await(c.id(), v -> v.state().equals("ended"));
        HttpResponse<String> csv = running.api().send("GET", "/api/calls/export?agent=1001", null);
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
        assertTrue(csv.body().startsWith("\uFEFFid,started,agent"), "a byte-order mark, for Excel");
        String row = csv.body().lines().filter(l -> l.startsWith(c.id())).findFirst().orElseThrow();
        assertTrue(row.contains(",'+86 139-1234-5672,"), "a cell starting with + is text, not a formula: " + row);
        assertEquals(400, running.api().send("GET", "/api/calls/export?result=bogus", null).statusCode());
        assertEquals(1, running.api().send("GET", "/api/calls/export?agent=nobody", null).body().lines().count(),
                "the header alone");
    }

    @Test
    void theFiguresCoverARangeOfAtMostNinetyTwoDaysAndEveryHour() throws Exception {
        String f = running.api().send("GET", "/api/calls/figures?date=2026-01-01&until=2026-03-01", null).body();
        assertTrue(f.contains("\"until\":\"2026-03-01\"") && f.contains("\"hour\":23"), f);
        for (String bad : List.of("until=2025-12-31", "until=2026-04-03", "until=yesterday")) {
            HttpResponse<String> r = running.api().send("GET", "/api/calls/figures?date=2026-01-01&" + bad, null);
            assertEquals(400, r.statusCode(), bad);
            assertTrue(r.body().contains("\"field\":\"until\""), r.body());
        }
    }
}
