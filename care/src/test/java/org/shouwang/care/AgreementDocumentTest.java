package org.shouwang.care;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.junit.jupiter.api.Test;
import org.shouwang.model.CareContact;
import org.shouwang.model.ContactRole;
import org.shouwang.model.Elder;
import org.shouwang.model.ElderFacts;
import org.shouwang.model.ElderProfile;
import org.shouwang.model.Privacy;
import org.shouwang.model.Sex;
import org.shouwang.model.care.Agreement;
import org.shouwang.model.care.AgreementStatus;

/** Reads the generated annex 1 back with POI; all people and numbers are synthetic. */
class AgreementDocumentTest {

    private static final String ID = "320508193801012345";
    private static final Elder ELDER = new Elder(1, "王秀英", ID, "平江街道", "大儒巷社区", "姑苏区大儒巷12号",
            "13800001111", true);
    private static final ElderProfile PROFILE = new ElderProfile(ELDER,
            new ElderFacts(null, null, false, LocalDate.of(1938, 1, 1), Sex.FEMALE, null), 88, null, List.of(), List.of());
    private static final CareContact WORKER = new CareContact(11, 1, ContactRole.COMMUNITY_WORKER, "李敏",
            "13900002222", 1);
    private static final CareContact NEIGHBOUR = new CareContact(12, 1, ContactRole.NEIGHBOUR_VOLUNTEER, "张桂兰",
            "13700003333", 1);
    private static final Agreement SIGNED = new Agreement(1, AgreementStatus.SIGNED, "平江街道", "陈建国", 11L, 12L,
            "高血压，行动迟缓", LocalDate.of(2026, 10, 8), null, false, Instant.parse("2026-10-08T02:00:00Z"), "staff");

    @Test
    void fillsTheFourPartyLinesWithTheirNames() throws IOException {
        String text = text(AgreementDocument.docx(SIGNED, PROFILE, WORKER, NEIGHBOUR, Privacy.maskIdNumber(ID)));

        assertThat(text).contains("重点空巢独居老人关爱服务协议书", "街道：平江街道（以下简称甲方）",
                "社区工作者：李敏（以下简称乙方）", "近邻亲属或志愿者：张桂兰（以下简称丙方）",
                "空巢独居老人：王秀英（以下简称丁方）", "经详细摸底和评估，王秀英属于重点空巢独居老人。");
    }

    @Test
    void printsTheIdNumberExactlyAsTheReaderMaySeeIt() throws IOException {
        String masked = text(AgreementDocument.docx(SIGNED, PROFILE, WORKER, NEIGHBOUR, Privacy.maskIdNumber(ID)));
        String full = text(AgreementDocument.docx(SIGNED, PROFILE, WORKER, NEIGHBOUR, ID));

        assertThat(masked).contains("身份证号：320508********2345").doesNotContain(ID);
        assertThat(full).contains("身份证号：" + ID);
    }

    @Test
    void carriesAnnexOneWordingAndTheElderDetails() throws IOException {
        String text = text(AgreementDocument.docx(SIGNED, PROFILE, WORKER, NEIGHBOUR, ID));

        assertThat(text).contains("每周至少上门或电话联系2次", "每天至少上门或电话联系1次", "二、甲方的责任要求",
                "五、丁方的责任要求", "七、协议份数", "本协议一式四份", "性别：女", "户籍地址：______________",
                "家庭住址：姑苏区大儒巷12号", "健康状况：高血压，行动迟缓");
    }

    @Test
    void printsNoPhoneNumber() throws IOException {
        String text = text(AgreementDocument.docx(SIGNED, PROFILE, WORKER, NEIGHBOUR, ID));

        assertThat(text).doesNotContain("13800001111", "13900002222", "13700003333")
                .doesNotContainPattern("(?<!\\d)1[3-9]\\d{9}(?!\\d)");
    }

    @Test
    void signedAgreementShowsItsDateAndTheStreetRepresentative() throws IOException {
        String text = text(AgreementDocument.docx(SIGNED, PROFILE, WORKER, NEIGHBOUR, ID));

        assertThat(text).contains("本协议已于2026年10月8日签订", "负责人：陈建国", "代表人：", "签字（或手印）")
                .doesNotContain("草拟稿");
    }

    @Test
    void blankDraftWithoutAgreementOrPartiesLeavesBlanksToFillByHand() throws IOException {
        String text = text(AgreementDocument.docx(null, PROFILE, null, null, null));

        assertThat(text).contains("草拟稿，签字后生效", "街道：平江街道（以下简称甲方）",
                "社区工作者：______________（以下简称乙方）", "近邻亲属或志愿者：______________（以下简称丙方）",
                "空巢独居老人：王秀英（以下简称丁方）", "身份证号：______________", "健康状况：______________");
    }

    @Test
    void recordedDraftIsMarkedAsDraft() throws IOException {
        Agreement draft = new Agreement(1, AgreementStatus.DRAFT, null, null, 11L, null, null, null, null, false,
                Instant.parse("2026-10-01T02:00:00Z"), "staff");

        String text = text(AgreementDocument.docx(draft, PROFILE, WORKER, null, ID));

        assertThat(text).contains("草拟稿，签字后生效", "街道：平江街道（以下简称甲方）", "社区工作者：李敏（以下简称乙方）");
    }

    @Test
    void everyRunNamesSongtiAsItsEastAsianFont() throws IOException {
        byte[] docx = AgreementDocument.docx(SIGNED, PROFILE, WORKER, NEIGHBOUR, ID);

        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
            List<XWPFRun> runs = new java.util.ArrayList<>();
            doc.getParagraphs().forEach(p -> runs.addAll(p.getRuns()));
            doc.getTables().forEach(t -> t.getRows().forEach(r -> r.getTableCells().forEach(
                    c -> c.getParagraphs().forEach((XWPFParagraph p) -> runs.addAll(p.getRuns())))));
            assertThat(runs).isNotEmpty().allSatisfy(
                    r -> assertThat(r.getFontFamily(XWPFRun.FontCharRange.eastAsia)).isEqualTo("宋体"));
        }
    }

    private static String text(byte[] docx) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx));
             XWPFWordExtractor extractor = new XWPFWordExtractor(doc)) {
            return extractor.getText();
        }
    }
}
