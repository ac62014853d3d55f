package io.branchline.box.web;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the asker of the current request may see of an answer, JSON or text: the access filter sets one per
 * request ({@link Json#viewFor}) and the box's answers pass through it, which is where customer numbers are
 * masked for a masked viewer.
 */
public interface AnswerView {
    JsonNode json(JsonNode answer);

    String text(String answer);
}
