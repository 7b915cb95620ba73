package org.shouwang.care;

/** Where one duty period stands on a given day. */
public enum DutyState {
    /** Enough contacts in the period. */
    MET("已完成"),
    /** The period runs and has not had its contacts yet. */
    DUE("待完成"),
    /** The period ended without its contacts. */
    OVERDUE("已逾期"),
    /** The elder was away (a registered absence) for the whole of what the period asks. */
    SUSPENDED("外出暂停"),
    /** The period has not begun. */
    UPCOMING("未开始");

    private final String label;

    DutyState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
