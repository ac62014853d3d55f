package io.branchline.box.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code branchline answer --call ID}: an inbound call that rings is answered, as if the handset were lifted. */
final class AnswerCommand extends CallActionCommand {
    @Override
    String action() {
        return "answer";
    }

    @Override
    public String summary() {
        return "answer an inbound call that rings (as lifting the desk phone's handset does)";
    }

    @Override
    String said(JsonNode c) {
        String from = c.path("numberGiven").asText();
        return "answered " + c.path("id").asText() + " from " + (from.isEmpty() ? "(withheld)" : from) + " on "
                + c.path("line").asText() + " for agent " + c.path("agent").asText();
    }
}
