package io.branchline.box.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code branchline takeover --call ID}: the agent takes over from the opening message (F2). */
final class TakeoverCommand extends CallActionCommand {
    @Override
    String action() {
        return "takeover";
    }

    @Override
    public String summary() {
        return "stop a call's opening message so that the agent speaks (F2)";
    }

    @Override
    String said(JsonNode answer) {
        return answer.path("takeover").asText();
    }
}
