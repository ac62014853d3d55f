package io.branchline.box.sync;

/**
 * How the sync with the CRM stands, for {@code branchline sync status} and {@code GET /api/sync}.
 *
 * @param oldestUnsent when the oldest item still waiting was written, or null
 * @param lastSuccess  when the CRM last took a batch, or null
 * @param lastSwitch   when (ISO-8601 UTC) and why the box last moved to another server, or ""
 * @param lastCommandError the last CRM command the box could not take as it came, or ""
 */
public record SyncStatus(String endpoint, String url, int backlog, String oldestUnsent, String lastSuccess, long sent,
                         long retries, String lastError, String lastSwitch, String lastCommandError) {
    public SyncStatus withCommandError(String e) {
        return new SyncStatus(endpoint, url, backlog, oldestUnsent, lastSuccess, sent, retries, lastError, lastSwitch,
                e);
    }
}
