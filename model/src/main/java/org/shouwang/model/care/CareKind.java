package org.shouwang.model.care;

/** How a contact with an elder was made (annex 2's 服务内容 says what was done; this says how). */
public enum CareKind {
    VISIT("上门"),
    PHONE("电话"),
    OTHER("其他"),
    /** A neighbour, volunteer or home-care organisation answered a duty reminder by SMS. */
    SMS_REPORT("短信报告");

    private final String label;

    CareKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
