package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.shouwang.model.ContactRole;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;

/** Request validation: what is accepted, and that every refusal names the field in Chinese without the value. */
class FormsTest {

    private static final String ID = Ids.idNumber(7);

    private static JsonObject elder() {
        return new JsonObject().put("name", " 张桂英 ").put("idNumber", ID.substring(0, 17) + "x")
                .put("street", "平江街道").put("community", "大儒巷社区").put("address", "大儒巷12号");
    }

    @Test
    void elderIsTrimmedAndTheIdNumbersCheckLetterUpperCased() {
        Elder e = Forms.elder(elder());

        assertThat(e.name()).isEqualTo("张桂英");
        assertThat(e.idNumber()).isEqualTo(ID.substring(0, 17) + "X");
        assertThat(e.phone()).isNull();
        assertThat(e.active()).isTrue();
    }

    @Test
    void missingRequiredFieldIsRefusedNamingIt() {
        assertThatThrownBy(() -> Forms.elder(elder().put("community", "")))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("社区（community）不能为空");
                    assertThat(e.body().getString("field")).isEqualTo("community");
                });
    }

    @Test
    void idNumberOfWrongShapeIsRefusedWithoutRepeatingIt() {
        for (String bad : new String[] {"32050819420315123", "3205081942031512345", "32050819420315123Y"}) {
            assertThatThrownBy(() -> Forms.elder(elder().put("idNumber", bad)))
                    .isInstanceOfSatisfying(ApiError.class, e -> {
                        assertThat(e.getMessage()).contains("身份证号").doesNotContain(bad);
                        assertThat(e.body().encode()).doesNotContain(bad);
                    });
        }
    }

    @Test
    void phoneOfWrongShapeIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> Forms.elder(elder().put("phone", "call me 12")))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.getMessage())
                        .startsWith("联系电话（phone）").doesNotContain("call me"));
        assertThat(Forms.elder(elder().put("phone", "0512-6521 1234")).phone()).isEqualTo("0512-6521 1234");
    }

    @Test
    void textFieldGivenAsANumberIsRefused() {
        assertThatThrownBy(() -> Forms.elder(elder().put("name", 42)))
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
                .isEqualTo(new Forms.Resolution("控制台值班员", "老人安全", null));
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
