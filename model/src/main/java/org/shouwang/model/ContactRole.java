package org.shouwang.model;

/** Who a care contact is to the elder (DOMAIN.md, four-party care and the emergency team). */
public enum ContactRole {
    NEIGHBOUR_VOLUNTEER("邻里/志愿者"),
    COMMUNITY_WORKER("社区工作者"),
    STREET_EMERGENCY_TEAM("街道应急队"),
    HOME_CARE_ORG("居家养老服务机构"),
    FAMILY_CONTACT("家属联系人"),
    STREET_OFFICE("街道办");

    private final String label;

    ContactRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
