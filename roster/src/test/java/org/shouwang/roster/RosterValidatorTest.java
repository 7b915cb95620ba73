package org.shouwang.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.roster.RosterFixtures.TODAY;
import static org.shouwang.roster.RosterFixtures.annex;
import static org.shouwang.roster.RosterFixtures.id;
import static org.shouwang.roster.RosterFixtures.row;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shouwang.model.ChildrenLocation;
import org.shouwang.model.ContactRole;
import org.shouwang.model.ElderCategory;
import org.shouwang.model.RosterContact;
import org.shouwang.model.RosterEntry;
import org.shouwang.roster.RosterValidator.CheckedRow;

/** Every kind of invalid row gets its own message naming the row and the column. */
class RosterValidatorTest {

    private final RosterValidator validator = new RosterValidator(RosterFixtures.STREETS, TODAY);

    @Test
    void aValidRowBecomesAnEntryInCanonicalForm() {
        String id = id(1940);
        List<String> r = row(1, "平江", "大儒巷社区", " 王秀英 ", id.toLowerCase());
        r.set(6, "138 0000 0001");

        CheckedRow checked = checkOne(r);

        assertThat(checked.problems()).isEmpty();
        assertThat(checked.entry()).isEqualTo(new RosterEntry("平江街道", "大儒巷社区", "王秀英", id, "大儒巷社区1号",
                "13800000001", ElderCategory.LIVING_ALONE, ChildrenLocation.OUTSIDE_DISTRICT, false, List.of(), null));
    }

    @Test
    void aLegacy15DigitIdIsAcceptedAndStoredIn18Characters() {
        CheckedRow checked = checkOne(row(1, "平江街道", "大儒巷社区", "王秀英", "320502400101123"));

        assertThat(checked.entry().idNumber()).isEqualTo("320502194001011231");
    }

    @ParameterizedTest(name = "{1}={2}")
    @CsvSource(delimiter = '|', value = {
        "1|街道|''|第5行「街道」：未填写",
        "1|街道|观前街道|第5行「街道」：未知街道「观前街道」（姑苏区的街道为：平江街道、沧浪街道、双塔街道、虎丘街道、吴门桥街道、金阊街道、白洋湾街道、苏锦街道）",
        "2|社区|''|第5行「社区」：未填写",
        "3|姓名|''|第5行「姓名」：未填写",
        "3|姓名|'  '|第5行「姓名」：未填写",
        "4|身份证号|''|第5行「身份证号」：未填写",
        "4|身份证号|32050819400501001|第5行「身份证号」：位数不对，应为18位（旧证15位）",
        "4|身份证号|32050819400501001Y|第5行「身份证号」：含有数字和末位X以外的字符",
        "4|身份证号|990508194005010011|第5行「身份证号」：前6位地区码无效",
        "4|身份证号|320508194002300011|第5行「身份证号」：第7-14位出生日期无效",
        "4|身份证号|320502194001011232|第5行「身份证号」：校验位错误",
        "4|身份证号|3.20502194001011E17|第5行「身份证号」：被Excel存成了数字，后几位已丢失；请把该列设为文本格式后重新输入",
        "5|住址|''|第5行「住址」：未填写",
        "6|联系电话|12800000001|第5行「联系电话」：手机号第2位应为3-9",
        "6|联系电话|65221234|第5行「联系电话」：固定电话缺少区号（如0512-65221234）",
        "6|联系电话|13800000001/13900000002|第5行「联系电话」：一格只能填写一个号码",
        "7|类别|''|第5行「类别」：未填写",
        "7|类别|孤寡|第5行「类别」：「孤寡」不是可选的类别（可选：无子女或赡养人、子女或赡养人无照顾能力、空巢、独居）",
        "8|有子女或赡养人请选择为区外或街道外|市外|第5行「有子女或赡养人请选择为区外或街道外」：「市外」无法识别，应为「区外」或「街道外」",
        "8|有子女或赡养人请选择为区外或街道外|''|第5行「有子女或赡养人请选择为区外或街道外」：类别为「独居」时须选择「区外」或「街道外」（没有子女或赡养人的，类别请填「无子女或赡养人」）",
        "9|是否为低保家庭中失能半失能的空巢独居老人|''|第5行「是否为低保家庭中失能半失能的空巢独居老人」：未填写",
        "9|是否为低保家庭中失能半失能的空巢独居老人|不是|第5行「是否为低保家庭中失能半失能的空巢独居老人」：「不是」无法识别，应为「是」或「否」",
    })
    void eachInvalidCellIsNamedByRowAndColumn(int column, String header, String value, String message) {
        List<String> r = row(1, "平江街道", "大儒巷社区", "王秀英", id(1940));
        r.set(column, value);

        CheckedRow checked = checkOne(r);

        assertThat(checked.valid()).isFalse();
        assertThat(checked.entry()).isNull();
        assertThat(checked.problems()).extracting(RosterProblem::toString).containsExactly(message);
    }

    @Test
    void aFutureBirthDateAndAnAgeUnder60AreRefused() {
        String future = id(LocalDate.of(2027, 1, 1));
        String young = id(LocalDate.of(1966, 10, 2));
        String sixtyToday = id(LocalDate.of(1966, 10, 1));

        assertThat(checkOne(row(1, "平江街道", "大儒巷社区", "甲", future)).problems()).extracting(Object::toString)
                .containsExactly("第5行「身份证号」：出生日期晚于今天");
        assertThat(checkOne(row(1, "平江街道", "大儒巷社区", "乙", young)).problems()).extracting(Object::toString)
                .containsExactly("第5行「身份证号」：按身份证号计算年龄为59周岁，不满60周岁，不属于老年人（请核对身份证号）");
        assertThat(checkOne(row(1, "平江街道", "大儒巷社区", "丙", sixtyToday)).valid()).isTrue();
    }

    @Test
    void childrenLocationMustBeEmptyForAnElderWithNoChildren() {
        List<String> r = row(1, "平江街道", "大儒巷社区", "王秀英", id(1940));
        r.set(7, "无子女或赡养人");

        assertThat(checkOne(r).problems()).extracting(Object::toString).containsExactly(
                "第5行「有子女或赡养人请选择为区外或街道外」：类别为「无子女或赡养人」时此列应为空");
        r.set(8, "");
        assertThat(checkOne(r).valid()).isTrue();
    }

    @Test
    void allProblemsOfARowAreListedNotJustTheFirst() {
        List<String> r = row(1, "观前街道", "", "王秀英", "123");
        r.set(9, "");

        assertThat(checkOne(r).problems()).extracting(RosterProblem::column).containsExactly(RosterColumn.STREET,
                RosterColumn.COMMUNITY, RosterColumn.ID_NUMBER, RosterColumn.LOW_INCOME_DISABLED);
    }

    @Test
    void everyRowOfADuplicatedIdIsRejectedNamingTheOthers() {
        String twice = id(1940);
        RosterTable table = table(List.of(row(1, "平江街道", "大儒巷社区", "王秀英", twice),
                row(2, "平江街道", "大儒巷社区", "李桂英", id(1941)),
                row(3, "平江街道", "大儒巷社区", "王秀英", twice)), false);

        List<CheckedRow> checked = validator.check(table, RosterProgress.NONE);

        assertThat(checked).extracting(CheckedRow::valid).containsExactly(false, true, false);
        assertThat(checked.get(0).problems()).extracting(Object::toString)
                .containsExactly("第5行「身份证号」：与第7行重复（同一人只能出现一次）");
        assertThat(checked.get(2).problems()).extracting(Object::toString)
                .containsExactly("第7行「身份证号」：与第5行重复（同一人只能出现一次）");
    }

    @Test
    void theCareTeamColumnsBecomeContactsWhenNameAndPhoneAreBothGiven() {
        List<String> r = row(1, "平江街道", "大儒巷社区", "王秀英", id(1940));
        r.addAll(List.of("张社", "0512-65221234", "李邻", "13900000001", "", "", "2022年9月15日"));

        RosterEntry entry = validator.check(table(List.of(r), true), RosterProgress.NONE).get(0).entry();

        assertThat(entry.careTeam()).containsExactly(
                new RosterContact(ContactRole.NEIGHBOUR_VOLUNTEER, "李邻", "13900000001"),
                new RosterContact(ContactRole.COMMUNITY_WORKER, "张社", "0512-65221234"));
        assertThat(entry.agreementSignedOn()).isEqualTo(LocalDate.of(2022, 9, 15));
    }

    @Test
    void aCareTeamPersonNeedsBothNameAndPhoneAndTheAgreementARealPastDate() {
        assertCareTeamProblem(r -> r.set(11, ""), "第5行「社区工作者电话」：填写了社区工作者，须同时填写电话");
        assertCareTeamProblem(r -> r.set(10, ""), "第5行「社区工作者」：填写了社区工作者电话，须同时填写姓名");
        assertCareTeamProblem(r -> r.set(13, "139"), "第5行「近邻亲属或志愿者电话」：手机号应为11位数字");
        assertCareTeamProblem(r -> r.set(16, "2022-02-30"), "第5行「四方协议签订日期」：「2022-02-30」不是有效日期（如2022-09-15）");
        assertCareTeamProblem(r -> r.set(16, "2026-10-02"), "第5行「四方协议签订日期」：日期2026-10-02晚于今天");
    }

    private void assertCareTeamProblem(Consumer<List<String>> spoil, String message) {
        List<String> r = row(1, "平江街道", "大儒巷社区", "王秀英", id(1940));
        r.addAll(List.of("张社", "0512-65221234", "李邻", "13900000001", "", "", "2022-09-15"));
        spoil.accept(r);

        assertThat(validator.check(table(List.of(r), true), RosterProgress.NONE).get(0).problems())
                .extracting(Object::toString).containsExactly(message);
    }

    private CheckedRow checkOne(List<String> row) {
        List<CheckedRow> checked = validator.check(table(List.of(row), false), RosterProgress.NONE);
        assertThat(checked).hasSize(1);
        return checked.get(0);
    }

    private static RosterTable table(List<List<String>> rows, boolean careTeam) {
        List<List<String>> lines = annex("平江街道", rows);
        if (careTeam) {
            List<String> header = new ArrayList<>(RosterFixtures.HEADER);
            header.addAll(RosterFixtures.CARE_TEAM_HEADER);
            lines.set(3, header);
        }
        return RosterFiles.read(RosterFixtures.utf8(lines), RosterProgress.NONE);
    }
}
