package org.shouwang.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResidentIdTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 10, 1);

    @ParameterizedTest(name = "{0}")
    @CsvSource({"11010519491231002X", "320502194001011231", "320508194603150042", "320502192601010030"})
    void acceptsNumbersWhoseCheckCharacterIsRight(String id) {
        assertThat(ResidentId.parse(id, TODAY).value()).isEqualTo(id);
    }

    @Test
    void computesTheIso7064Mod112CheckCharacterIncludingX() {
        assertThat(ResidentId.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(ResidentId.checkCharacter("32050219400101123")).isEqualTo('1');
    }

    @Test
    void toleratesSpacesFullWidthDigitsAndLowerCaseX() {
        assertThat(ResidentId.parse(" 110105 19491231 002x ", TODAY).value()).isEqualTo("11010519491231002X");
        assertThat(ResidentId.parse("３２０５０２１９４００１０１１２３１", TODAY).value()).isEqualTo("320502194001011231");
    }

    @Test
    void convertsALegacy15DigitNumberByInserting19AndAddingTheCheckCharacter() {
        ResidentId id = ResidentId.parse("320502400101123", TODAY);

        assertThat(id.value()).isEqualTo("320502194001011231");
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1940, 1, 1));
        assertThat(id.sex()).isEqualTo(Sex.MALE);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "'', EMPTY",
        "3205021940010112, LENGTH",
        "3205021940010112311, LENGTH",
        "32050219400101123A, CHARACTERS",
        "32050X194001011231, CHARACTERS",
        "32050240010112A, CHARACTERS",
        "990502194001011231, REGION",
        "320000194001011231, REGION",
        "320502194002301231, BIRTH_DATE",
        "320502194013011231, BIRTH_DATE",
        "320502188001011231, BIRTH_DATE",
        "320502194001011232, CHECK_CHARACTER",
        "3.20502194001011E17, EXCEL_NUMBER",
    })
    void namesWhatIsWrongWithAnInvalidNumber(String raw, ResidentId.Problem problem) {
        assertThatThrownBy(() -> ResidentId.parse(raw, TODAY))
                .isInstanceOfSatisfying(InvalidResidentIdException.class, e -> assertThat(e.problem()).isEqualTo(problem))
                .hasMessage(problem.message());
    }

    @Test
    void rejectsABirthDateAfterToday() {
        String first17 = "32050220261002123";
        String id = first17 + ResidentId.checkCharacter(first17);

        assertThatThrownBy(() -> ResidentId.parse(id, TODAY)).hasMessage(ResidentId.Problem.FUTURE_BIRTH.message());
        assertThat(ResidentId.isValid(id, TODAY.plusDays(1))).isTrue();
    }

    @Test
    void readsSexFromTheParityOfThe17thDigit() {
        assertThat(ResidentId.parse("320502194001011231", TODAY).sex()).isEqualTo(Sex.MALE);
        assertThat(ResidentId.parse("11010519491231002X", TODAY).sex()).isEqualTo(Sex.FEMALE);
    }

    @Test
    void countsAgeInFullYearsWithTheBirthdayItselfCounting() {
        ResidentId id = ResidentId.parse("320508194603150042", TODAY);

        assertThat(id.ageAt(LocalDate.of(2026, 3, 14))).isEqualTo(79);
        assertThat(id.ageAt(LocalDate.of(2026, 3, 15))).isEqualTo(80);
        assertThat(id.ageAt(LocalDate.of(2026, 3, 16))).isEqualTo(80);
    }

    @Test
    void someoneBornOnLeapDayComesOfAgeOnTheFirstOfMarchInACommonYear() {
        LocalDate leapDay = LocalDate.of(1944, 2, 29);

        assertThat(ResidentId.ageAt(leapDay, LocalDate.of(2024, 2, 29))).isEqualTo(80);
        assertThat(ResidentId.ageAt(leapDay, LocalDate.of(2023, 2, 28))).isEqualTo(78);
        assertThat(ResidentId.ageAt(leapDay, LocalDate.of(2023, 3, 1))).isEqualTo(79);
    }

    @Test
    void showsOnlyAMaskedNumberWhenPrinted() {
        ResidentId id = ResidentId.parse("11010519491231002X", TODAY);

        assertThat(id.toString()).isEqualTo("110105********002X").isEqualTo(id.masked());
    }
}
