package org.shouwang.roster;

import java.util.List;
import java.util.Set;

/**
 * The roster's columns: the ten of the policy's annex 3 in its order, then the optional care-team
 * columns this project defines (roster/README.md). A header cell is recognised by its text with
 * spaces and punctuation ignored, so the annex's long headers and common short forms both match.
 */
public enum RosterColumn {
    SEQ("序号", "序号", false, "序号"),
    STREET("街道", "街道", true, "街道", "所属街道"),
    COMMUNITY("社区", "社区", true, "社区", "所属社区"),
    NAME("姓名", "姓名", true, "姓名", "老人姓名"),
    ID_NUMBER("身份证号", "身份证号", true, "身份证号", "身份证号码", "公民身份号码"),
    ADDRESS("住址", "住址", true, "住址", "家庭住址", "居住地址", "地址"),
    PHONE("联系电话", "联系电话", true, "联系电话", "电话", "联系方式"),
    CATEGORY("类别", "类别（选无子女或赡养人、子女或赡养人无照顾能力、空巢、独居）", true),
    CHILDREN_LOCATION("有子女或赡养人请选择为区外或街道外", "有子女或赡养人，请选择为区外或街道外", true),
    LOW_INCOME_DISABLED("是否为低保家庭中失能半失能的空巢独居老人", "是否为低保家庭中失能半失能的空巢独居老人", true),
    COMMUNITY_WORKER("社区工作者", "社区工作者", false, "社区工作者"),
    COMMUNITY_WORKER_PHONE("社区工作者电话", "社区工作者电话", false, "社区工作者电话"),
    NEIGHBOUR("近邻亲属或志愿者", "近邻亲属或志愿者", false, "近邻亲属或志愿者", "邻里志愿者", "志愿者"),
    NEIGHBOUR_PHONE("近邻亲属或志愿者电话", "近邻亲属或志愿者电话", false, "近邻亲属或志愿者电话", "邻里志愿者电话",
            "志愿者电话"),
    FAMILY_CONTACT("家属联系人", "家属联系人", false, "家属联系人"),
    FAMILY_CONTACT_PHONE("家属联系人电话", "家属联系人电话", false, "家属联系人电话"),
    HOME_CARE_ORG("居家养老服务组织", "居家养老服务组织", false, "居家养老服务组织"),
    HOME_CARE_ORG_PHONE("居家养老服务组织电话", "居家养老服务组织电话", false, "居家养老服务组织电话"),
    AGREEMENT_SIGNED_ON("四方协议签订日期", "四方协议签订日期", false, "四方协议签订日期", "协议签订日期");

    /** The annex's ten columns, in its order: what the quarterly export writes. */
    public static final List<RosterColumn> ANNEX = List.of(SEQ, STREET, COMMUNITY, NAME, ID_NUMBER, ADDRESS, PHONE,
            CATEGORY, CHILDREN_LOCATION, LOW_INCOME_DISABLED);
    /** The optional care-team columns, in the order the export with care team writes them. */
    public static final List<RosterColumn> CARE_TEAM = List.of(COMMUNITY_WORKER, COMMUNITY_WORKER_PHONE, NEIGHBOUR,
            NEIGHBOUR_PHONE, FAMILY_CONTACT, FAMILY_CONTACT_PHONE, HOME_CARE_ORG, HOME_CARE_ORG_PHONE,
            AGREEMENT_SIGNED_ON);

    private final String label;
    private final String header;
    private final boolean required;
    private final Set<String> aliases;

    RosterColumn(String label, String header, boolean required, String... aliases) {
        this.label = label;
        this.header = header;
        this.required = required;
        this.aliases = Set.of(aliases);
    }

    /** The short name messages use, e.g. 「身份证号」. */
    public String label() {
        return label;
    }

    /** The header text the export writes (the annex's own wording). */
    public String header() {
        return header;
    }

    /** True when a roster file must have this column. */
    public boolean required() {
        return required;
    }

    /** True when a header cell's text names this column. */
    public boolean matches(String headerText) {
        String h = normalize(headerText);
        return switch (this) {
            case CATEGORY -> h.startsWith("类别");
            case CHILDREN_LOCATION -> h.contains("区外或街道外");
            case LOW_INCOME_DISABLED -> h.contains("低保") && h.contains("失能");
            default -> aliases.contains(h);
        };
    }

    /** The column a header cell names, if any. */
    public static RosterColumn forHeader(String headerText) {
        for (RosterColumn c : values()) {
            if (c.matches(headerText)) {
                return c;
            }
        }
        return null;
    }

    static String normalize(String text) {
        return text == null ? "" : text.replaceAll("[\\s\\u3000,，、。.:：;；()（）\\[\\]【】*＊\"“”]", "");
    }
}
