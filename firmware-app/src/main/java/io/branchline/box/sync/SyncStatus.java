package io.branchline.box.sync;

/**
 * How the sync with the CRM stands, for {@code branchline sync status} and {@code GET /api/sync}.
 *
 * @param oldestUnsent when the oldest item still waiting was written, or null
 * @param lastSuccess  when the CRM last took a batch, or null
 */
public record SyncStatus(String endpoint, String url, int backlog, String oldestUnsent, String lastSuccess, long sent,
                         long retries, String lastError, String lastSwitch) {
}
