package org.shouwang.care;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.UnderlinePatterns;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.shouwang.model.CareContact;
import org.shouwang.model.ElderProfile;
import org.shouwang.model.Sex;
import org.shouwang.model.care.Agreement;
import org.shouwang.model.care.AgreementStatus;

/**
 * The four-party agreement (annex 1) as a filled Word document, ready to print and sign. The wording is the
 * annex's own, so the paper signed from it is the policy's agreement; what the platform knows is filled in,
 * the rest left as blanks to write by hand. Phone numbers are never printed: the paper circulates among four
 * parties and the annex has no place for them.
 */
public final class AgreementDocument {

    private static final String FONT = "宋体";
    private static final String LATIN_FONT = "Times New Roman";
    /** A blank to fill in by hand; underscores print in every viewer, underlined spaces do not. */
    private static final String BLANK = "______________";

    /** Sections 二 to 七 of annex 1, word for word: heading first, then its items. */
    private static final List<List<String>> SECTIONS = List.of(
            List.of("二、甲方的责任要求",
                    "1.督促关爱服务协议的签订工作；印制关爱服务记录表，记载服务的时间、内容、标准和程序等。",
                    "2.指导乙方和丙方落实服务协议各项内容，提供必要的支持和帮助，并定期对乙方和丙方服务情况进行监督、检查。",
                    "3.为丁方提供助餐、日间照料、精神慰藉、健康管理、上门医护等服务。",
                    "4.为符合条件的丁方购买养老或护理服务。"),
            List.of("三、乙方的责任要求",
                    "1.每周至少上门或电话联系2次，了解空巢独居老人的日常生活和身体状况，上门的时候填写关爱服务记录卡。",
                    "2.发现丁方身体不适、严寒酷暑、极端气候等特殊情况的，采取应急援助服务并及时上报甲方。",
                    "3.及时向甲方报告丁方的困难和问题。"),
            List.of("四、丙方的责任要求",
                    "1.每天至少上门或电话联系1次，及时帮助或协调解决丁方实际困难和需求。",
                    "2.力所能及地给丁方提供其需要的帮助和服务。",
                    "3.丁方身体状况异常或居住环境出现安全隐患时，及时向乙方或甲方反映。",
                    "4.丁方离开社区探亲访友、办事时，视情陪同前往。"),
            List.of("五、丁方的责任要求",
                    "1.保持居住场所基本的卫生环境。",
                    "2.在用火用电等方面杜绝安全隐患。",
                    "3.离开社区范围的探亲访友、办事等，须事先告知丙方或乙方。"),
            List.of("六、协议未尽事宜",
                    "本协议如有未尽事宜，相关方应另行以书面形式补充。"),
            List.of("七、协议份数",
                    "本协议一式四份，甲、乙、丙、丁四方各执一份，具有同等法律效力。本协议自各方签字之日起生效。"));

    private AgreementDocument() {
    }

    /**
     * @param agreement the recorded agreement, or null for a blank draft with the elder's details
     * @param elder the elder (丁方) with facts (sex, birth date) and care team
     * @param communityWorker 乙方 (null: left blank to fill in by hand)
     * @param neighbour 丙方 (null: blank)
     * @param idNumberShown the ID number as this reader may see it (full for staff allowed to, else masked)
     */
    public static byte[] docx(Agreement agreement, ElderProfile elder, CareContact communityWorker,
                              CareContact neighbour, String idNumberShown) {
        String street = agreement != null && agreement.street() != null ? agreement.street() : elder.elder().street();
        String name = elder.elder().name();
        Sex sex = elder.facts() == null ? null : elder.facts().sex();
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            a4(doc);
            XWPFParagraph title = paragraph(doc, ParagraphAlignment.CENTER);
            run(title, "重点空巢独居老人关爱服务协议书", 18, true, false);
            XWPFParagraph status = paragraph(doc, ParagraphAlignment.CENTER);
            run(status, statusLine(agreement), 10.5, false, false);

            party(doc, "街道：", fill(street), "（以下简称甲方）");
            party(doc, "社区工作者：", fill(communityWorker == null ? null : communityWorker.name()), "（以下简称乙方）");
            party(doc, "近邻亲属或志愿者：", fill(neighbour == null ? null : neighbour.name()), "（以下简称丙方）");
            party(doc, "空巢独居老人：", fill(name), "（以下简称丁方）");
            line(doc, "为做好空巢独居老人关爱服务工作，保障老年人合法权益，根据国务院、省、苏州市相关政策规定，"
                    + "经甲、乙、丙、丁各方平等协商，签订相关协议如下：");
            heading(doc, "一、重点空巢独居老人对象的基本情况");
            line(doc, "根据《关于进一步加强重点空巢独居老人关爱工作的通知》规定，经详细摸底和评估，", fill(name),
                    "属于重点空巢独居老人。");
            // 户籍地址 stays blank: the roster (annex 3) has only the home address, so the platform does not hold it.
            line(doc, "丁方基本情况为：性别：", fill(sex == null ? null : sex.label()), "；身份证号：", fill(idNumberShown),
                    "；户籍地址：", fill(null), "；家庭住址：", fill(elder.elder().address()), "；健康状况：",
                    fill(agreement == null ? null : agreement.healthStatus()), "。");
            for (List<String> section : SECTIONS) {
                heading(doc, section.get(0));
                section.subList(1, section.size()).forEach(text -> line(doc, text));
            }
            signatures(doc, agreement == null ? null : agreement.streetRepresentative());
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("agreement document could not be written", e);
        }
    }

    /** Says on the paper itself whether it binds anyone yet, so a draft is never mistaken for the signed copy. */
    static String statusLine(Agreement agreement) {
        AgreementStatus status = agreement == null ? AgreementStatus.DRAFT : agreement.status();
        return switch (status) {
            case DRAFT -> "（草拟稿，签字后生效）";
            case SIGNED -> agreement.signedOn() == null ? "（已签订）" : "（本协议已于" + date(agreement.signedOn()) + "签订）";
            case ENDED -> agreement.endedOn() == null ? "（已终止）" : "（本协议已于" + date(agreement.endedOn()) + "终止）";
        };
    }

    private static String date(LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    /** The annex's two-column signature block, as a borderless table so the columns line up on paper. */
    private static void signatures(XWPFDocument doc, String representative) {
        String[][] cells = {
            {"甲方", "乙方"},
            {"负责人：" + (blank(representative) ? "" : representative), "代表人："},
            {"单位公章：", "单位公章："},
            {"日期：", "日期："},
            {"", ""},
            {"丙方", "丁方"},
            {"签字：", "签字（或手印）："},
            {"日期：", "日期："},
        };
        paragraph(doc, ParagraphAlignment.LEFT);
        XWPFTable table = doc.createTable(cells.length, 2);
        table.removeBorders();
        table.setWidth("100%");
        for (int r = 0; r < cells.length; r++) {
            for (int c = 0; c < 2; c++) {
                XWPFParagraph p = table.getRow(r).getCell(c).getParagraphs().get(0);
                p.setSpacingAfter(120);
                run(p, cells[r][c], 12, r == 0 || r == 5, false);
            }
        }
    }

    /** A value the platform filled in is underlined like writing on a form line; a missing one is a blank. */
    private record Fill(String value) {
    }

    private static Fill fill(String value) {
        return new Fill(value);
    }

    /** A party line starts flush left, as in the annex, so the four names line up under each other. */
    private static void party(XWPFDocument doc, Object... parts) {
        write(paragraph(doc, ParagraphAlignment.LEFT), parts);
    }

    private static void heading(XWPFDocument doc, String text) {
        run(paragraph(doc, ParagraphAlignment.LEFT), text, 12, true, false);
    }

    /** Body text, its first line indented by two characters as Chinese documents are. */
    private static void line(XWPFDocument doc, Object... parts) {
        XWPFParagraph p = paragraph(doc, ParagraphAlignment.BOTH);
        p.setFirstLineIndent(480);
        write(p, parts);
    }

    private static void write(XWPFParagraph p, Object... parts) {
        for (Object part : parts) {
            if (part instanceof Fill f) {
                boolean none = blank(f.value());
                run(p, none ? BLANK : f.value(), 12, false, !none);
            } else {
                run(p, (String) part, 12, false, false);
            }
        }
    }

    private static XWPFParagraph paragraph(XWPFDocument doc, ParagraphAlignment alignment) {
        XWPFParagraph p = doc.createParagraph();
        p.setAlignment(alignment);
        p.setSpacingAfter(80);
        return p;
    }

    /** Every run names its East Asian font: without it Word falls back to whatever the reader's machine has. */
    private static void run(XWPFParagraph p, String text, double points, boolean bold, boolean underline) {
        XWPFRun r = p.createRun();
        r.setText(text);
        r.setFontFamily(FONT, XWPFRun.FontCharRange.eastAsia);
        r.setFontFamily(LATIN_FONT, XWPFRun.FontCharRange.ascii);
        r.setFontFamily(LATIN_FONT, XWPFRun.FontCharRange.hAnsi);
        r.setFontSize(points);
        r.setBold(bold);
        if (underline) {
            r.setUnderline(UnderlinePatterns.SINGLE);
        }
    }

    /** Street offices print on A4; a document without a page size opens as US Letter on some machines. */
    private static void a4(XWPFDocument doc) {
        CTSectPr section = doc.getDocument().getBody().addNewSectPr();
        CTPageSz size = section.addNewPgSz();
        size.setW(BigInteger.valueOf(11906));
        size.setH(BigInteger.valueOf(16838));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
