package io.tracegate.gs1;

/** One element string: an Application Identifier and its data, as carried (no brackets, no separators). */
public record AiElement(String ai, String value) {

    public AiElement {
        if (ai == null || value == null) {
            throw new IllegalArgumentException("AI and value are required");
        }
    }

    @Override
    public String toString() {
        return "(" + ai + ")" + value;
    }
}
