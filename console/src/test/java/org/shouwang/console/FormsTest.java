package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.shouwang.model.ChildrenLocation;
import org.shouwang.model.ContactRole;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;
import org.shouwang.model.ElderCategory;
import org.shouwang.model.ElderFacts;
import org.shouwang.model.ResidentId;
import org.shouwang.model.Sex;

/** Request validation: what is accepted, and that every refusal names the field in Chinese without the value. */
class FormsTest {

    /** Its check character is X, so the form can send it as a lower-case x. */
    private static final String ID = Ids.idNumber(6);
    private static final LocalDate TODAY = LocalDate.of(2026, 7, 1);

    private static JsonObject elder() {
        return new JsonObject().put("name", " 张桂英 ").put("idNumber", ID.substring(0, 17) + "x")
                .put("street", "平江街道").put("community", "大儒巷社区").put("address", "大儒巷12号");
    }

    @Test
    void aNulAnywhereInABodyIsRefusedNamingTheTopLevelFieldAndAnEscapedBackslashIsNot() {
        assertThatThrownBy(() -> Forms.parse(Buffer.buffer("{\"note\":\"a\\u0000b\"}")))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.body().getString("field")).isEqualTo("note"))
                .hasMessageContaining("空字符");
        assertThatThrownBy(() -> Forms.parse(Buffer.buffer("{\"rows\":[{\"x\":[\"\\u0000\"]}]}")))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.body().getString("field")).isEqualTo("rows"));
        assertThatThrownBy(() -> Forms.parse(Buffer.buffer("{\"k\\u0000\":1}"))).isInstanceOf(ApiError.class);
        assertThat(Forms.parse(Buffer.buffer("{\"note\":\"C:\\\\u0000\"}")).getString("note")).isEqualTo("C:\\u0000");
    }

    @Test
    void elderIsTrimmedAndTheIdNumbersCheckLetterUpperCased() {
        Elder e = Forms.elder(elder(), TODAY).elder();

        assertThat(e.name()).isEqualTo("张桂英");
        assertThat(e.idNumber()).isEqualTo(ID.substring(0, 17) + "X");
        assertThat(e.phone()).isNull();
        assertThat(e.active()).isTrue();
    }

    @Test
    void missingRequiredFieldIsRefusedNamingIt() {
        assertThatThrownBy(() -> Forms.elder(elder().put("community", ""), TODAY))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("社区（community）不能为空");
                    assertThat(e.body().getString("field")).isEqualTo("community");
                });
    }

    @Test
    void idNumberThatFailsTheFullCheckIsRefusedSayingWhyWithoutRepeatingIt() {
        String wrongCheck = ID.substring(0, 17) + (ID.charAt(17) == '0' ? "1" : "0");
        String[][] cases = {{"32050819420315123", "位数不对"}, {"3205081942031512345", "位数不对"},
            {"32050819420315123Y", "含有数字和末位X以外的字符"}, {wrongCheck, "校验位错误"},
            {"320508" + "19420230" + "1234", "出生日期无效"}, {"320508" + "20990101" + "1234", "出生日期晚于今天"}};
        for (String[] c : cases) {
            assertThatThrownBy(() -> Forms.elder(elder().put("idNumber", c[0]), TODAY))
                    .isInstanceOfSatisfying(ApiError.class, e -> {
                        assertThat(e.getMessage()).startsWith("身份证号（idNumber）").contains(c[1]).doesNotContain(c[0]);
                        assertThat(e.body().encode()).doesNotContain(c[0]);
                    });
        }
    }

    @Test
    void fifteenDigitIdNumberIsConvertedAndGivesBirthDateAndSex() {
        // 320508 420315 123: born 1942-03-15, sequence 123 (odd: a man).
        Forms.ElderInput in = Forms.elder(elder().put("idNumber", "320508420315123"), TODAY);

        assertThat(in.elder().idNumber()).hasSize(18).startsWith("32050819420315123")
                .isEqualTo(ResidentId.parse("320508420315123", TODAY).value());
        assertThat(in.facts().birthDate()).isEqualTo(LocalDate.of(1942, 3, 15));
        assertThat(in.facts().sex()).isEqualTo(Sex.MALE);
    }

    @Test
    void phoneIsCheckedAsAMainlandNumberAndStoredCanonicalWithoutRepeatingABadOne() {
        for (String bad : new String[] {"call me 12", "12345678901", "67781234", "13912345678/13812345678"}) {
            assertThatThrownBy(() -> Forms.elder(elder().put("phone", bad), TODAY))
                    .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.getMessage())
                            .startsWith("联系电话（phone）").doesNotContain(bad));
        }
        assertThat(Forms.elder(elder().put("phone", "0512-6521 1234"), TODAY).elder().phone()).isEqualTo("0512-65211234");
        assertThat(Forms.elder(elder().put("phone", "+86 139 1234 5678"), TODAY).elder().phone()).isEqualTo("13912345678");
        assertThatThrownBy(() -> Forms.contact(new JsonObject().put("role", "COMMUNITY_WORKER").put("name", "李社工")
                .put("phone", "1391234567"))).hasMessageStartingWith("联系电话（phone）");
    }

    @Test
    void rosterFactsAreReadByNameOrLabelUnderTheRostersRule() {
        ElderFacts f = Forms.elder(elder().put("category", "独居").put("childrenLocation", "OUTSIDE_DISTRICT")
                .put("lowIncomeDisabled", true).put("agreementSignedOn", "2022-09-15"), TODAY).facts();
        assertThat(f).isEqualTo(new ElderFacts(ElderCategory.LIVING_ALONE, ChildrenLocation.OUTSIDE_DISTRICT, true,
                LocalDate.of(1942, 3, 15), Sex.FEMALE, LocalDate.of(2022, 9, 15)));
        assertThat(Forms.elder(elder(), TODAY).facts().category()).isNull();

        assertThatThrownBy(() -> Forms.elder(elder().put("category", "空巢"), TODAY))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.body().getString("field")).isEqualTo("childrenLocation");
                    assertThat(e.getMessage()).contains("区外", "街道外");
                });
        assertThatThrownBy(() -> Forms.elder(elder().put("category", "NO_CHILDREN_OR_CARER")
                .put("childrenLocation", "街道外"), TODAY)).hasMessageContaining("应为空");
        assertThatThrownBy(() -> Forms.elder(elder().put("category", "孤寡"), TODAY))
                .hasMessageStartingWith("类别（category）只能是 无子女或赡养人");
        assertThatThrownBy(() -> Forms.elder(elder().put("lowIncomeDisabled", "是"), TODAY))
                .hasMessageStartingWith("低保家庭失能半失能（lowIncomeDisabled）");
        assertThatThrownBy(() -> Forms.elder(elder().put("agreementSignedOn", "2022/13/01"), TODAY))
                .hasMessageStartingWith("四方协议签订日期（agreementSignedOn）应为有效日期");
        assertThatThrownBy(() -> Forms.elder(elder().put("agreementSignedOn", "2026-07-02"), TODAY))
                .hasMessage("四方协议签订日期（agreementSignedOn）不能晚于今天");
    }

    @Test
    void editKeepsTheRegisteredIdNumberEvenOneThatWouldNotPassTheFullCheck() {
        Forms.ElderInput in = Forms.elderEdit(elder().put("idNumber", "ignored"), "32050819420315123Y", TODAY);

        assertThat(in.elder().idNumber()).isEqualTo("32050819420315123Y");
        assertThat(in.facts().birthDate()).isNull();
    }

    @Test
    void textFieldGivenAsANumberIsRefused() {
        assertThatThrownBy(() -> Forms.elder(elder().put("name", 42), TODAY))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.getMessage()).isEqualTo("姓名（name）必须是文本"));
    }

    @Test
    void contactNeedsAKnownRoleAndAPhoneAndDefaultsToPriorityZero() {
        JsonObject form = new JsonObject().put("role", "COMMUNITY_WORKER").put("name", "李社工").put("phone", "13900001111");

        Forms.ContactInput c = Forms.contact(form);
        assertThat(c.role()).isEqualTo(ContactRole.COMMUNITY_WORKER);
        assertThat(c.priority()).isZero();

        assertThatThrownBy(() -> Forms.contact(form.copy().put("role", "community_worker")))
                .hasMessageStartingWith("角色（role）只能是");
        JsonObject noPhone = form.copy();
        noPhone.remove("phone");
        assertThatThrownBy(() -> Forms.contact(noPhone)).hasMessage("联系电话（phone）不能为空");
        assertThatThrownBy(() -> Forms.contact(form.copy().put("priority", 1.5)))
                .hasMessageStartingWith("优先级（priority）必须是");
    }

    @Test
    void deviceIdMustBeAValidMqttDeviceIdAndElderIdAPositiveNumber() {
        JsonObject form = new JsonObject().put("deviceId", "wm-0001").put("kind", "WATER_METER").put("elderId", 3);

        assertThat(Forms.device(form)).isEqualTo(new Forms.DeviceInput("wm-0001", DeviceKind.WATER_METER, 3));
        assertThatThrownBy(() -> Forms.device(form.copy().put("deviceId", "wm/+"))).hasMessageStartingWith("设备编号");
        assertThatThrownBy(() -> Forms.device(form.copy().put("kind", "SMOKE"))).hasMessageStartingWith("设备类型");
        assertThatThrownBy(() -> Forms.device(form.copy().put("elderId", "3"))).hasMessage("老人编号（elderId）必须是正整数");
        assertThatThrownBy(() -> Forms.device(form.copy().put("elderId", 0))).hasMessage("老人编号（elderId）必须是正整数");
        assertThatThrownBy(() -> Forms.device(form.copy().putNull("elderId"))).hasMessage("老人编号（elderId）不能为空");
    }

    @Test
    void resolutionNeedsAnOutcomeAndFallsBackToTheDutyOfficer() {
        assertThat(Forms.resolution(new JsonObject().put("outcome", "老人安全")))
                .isEqualTo(new Forms.Resolution("控制台值班员", "老人安全", null, null));
        assertThatThrownBy(() -> Forms.resolution(new JsonObject().put("actor", "陈值班")))
                .hasMessage("处置结果（outcome）不能为空");
    }

    @Test
    void emptyBodyIsAnEmptyObjectAndAJsonArrayIsRefused() {
        assertThat(Forms.parse(Buffer.buffer())).isEqualTo(new JsonObject());
        assertThatThrownBy(() -> Forms.parse(Buffer.buffer("[1,2]"))).hasMessage("请求内容必须是 JSON 对象");
    }

    @Test
    void pathIdAndLimitAcceptOnlyPositiveNumbersInRange() {
        assertThat(Forms.id("12", "事件编号")).isEqualTo(12);
        assertThatThrownBy(() -> Forms.id("-1", "事件编号")).hasMessage("事件编号必须是正整数");
        assertThatThrownBy(() -> Forms.id("1e3", "事件编号")).hasMessage("事件编号必须是正整数");
        assertThat(Forms.limit(null, 200, 1000)).isEqualTo(200);
        assertThatThrownBy(() -> Forms.limit("5000", 200, 1000)).hasMessageStartingWith("条数（limit）");
    }
}
