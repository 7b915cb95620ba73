package org.shouwang.model.care;

/** What a contact found the elder needs, as the street follows it up (the policy's 困难和需求). */
public enum NeedCategory {
    HEALTH("健康"),
    DAILY_LIVING("生活起居"),
    SAFETY_HAZARD("安全隐患"),
    EMOTIONAL("精神慰藉"),
    OTHER("其他");

    private final String label;

    NeedCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
