package io.branchline.box.call;

import java.util.Optional;

/** A telesales agent (坐席): who the CRM knows, and the line of their desk phone if they own one. */
public record Agent(String id, String name, String crmUserId, Optional<String> lineId) {
}
