package org.shouwang.db;

/** What a console account may see: the whole district, one street, or some communities of one street. */
public enum AccountRole {
    DISTRICT("区级"),
    STREET("街道"),
    COMMUNITY_WORKER("社区工作者");

    private final String label;

    AccountRole(String label) {
        this.label = label;
    }

    /** The Chinese name staff read. */
    public String label() {
        return label;
    }
}
