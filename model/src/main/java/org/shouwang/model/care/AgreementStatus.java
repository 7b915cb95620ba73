package org.shouwang.model.care;

/** Where a four-party agreement stands: drawn up, signed by all four, or ended (elder moved, party changed). */
public enum AgreementStatus {
    DRAFT("草拟"),
    SIGNED("已签订"),
    ENDED("已终止");

    private final String label;

    AgreementStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
