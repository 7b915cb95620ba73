package org.shouwang.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MainlandPhoneTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "13812345678, 13812345678",
        "138 1234 5678, 13812345678",
        "138-1234-5678, 13812345678",
        "+86 138 1234 5678, 13812345678",
        "8613812345678, 13812345678",
        "１３８１２３４５６７８, 13812345678",
        "19912345678, 19912345678",
        "0512-65221234, 0512-65221234",
        "051265221234, 0512-65221234",
        "(0512)65221234, 0512-65221234",
        "（0512）6522 1234, 0512-65221234",
        "0512－65221234, 0512-65221234",
        "010-62345678, 010-62345678",
        "01062345678, 010-62345678",
        "0512-6522123, 0512-6522123",
        "0512-65221234-801, 0512-65221234-801",
        "0512-65221234转801, 0512-65221234-801",
    })
    void writesValidNumbersInTheirCanonicalForm(String written, String canonical) {
        assertThat(MainlandPhone.normalize(written)).isEqualTo(canonical);
        assertThat(MainlandPhone.isValid(written)).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "'', 未填写",
        "12812345678, 手机号第2位应为3-9",
        "1381234567, 手机号应为11位数字",
        "65221234, 固定电话缺少区号（如0512-65221234）",
        "05126522, 固定电话位数不对（区号后应为7-8位号码）",
        "13812345678/13912345678, 一格只能填写一个号码",
        "13812345678、65221234, 一格只能填写一个号码",
        "0512-05221234, 不是有效的手机号或固定电话（手机为1开头的11位数字，固话须带区号，如0512-65221234）",
        "无, 不是有效的手机号或固定电话（手机为1开头的11位数字，固话须带区号，如0512-65221234）",
    })
    void saysWhatIsWrongWithAnInvalidNumber(String written, String problem) {
        assertThatThrownBy(() -> MainlandPhone.normalize(written)).hasMessage(problem);
        assertThat(MainlandPhone.problem(written)).contains(problem);
    }
}
