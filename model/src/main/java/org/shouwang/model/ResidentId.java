package org.shouwang.model;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Set;

/**
 * A mainland resident ID number (居民身份证号码, GB 11643-1999) checked and in its 18-character form:
 * 6-digit region code, 8-digit birth date, 3-digit sequence (odd for men), and an ISO 7064 MOD 11-2
 * check character. Legacy 15-digit numbers (born 19xx, no check character) are converted on parsing.
 * The value is sensitive: show it through {@link #masked()}, never log it.
 */
public record ResidentId(String value) {

    /** What is wrong with a number, in the words staff read. */
    public enum Problem {
        EMPTY("未填写"),
        EXCEL_NUMBER("被Excel存成了数字，后几位已丢失；请把该列设为文本格式后重新输入"),
        LENGTH("位数不对，应为18位（旧证15位）"),
        CHARACTERS("含有数字和末位X以外的字符"),
        REGION("前6位地区码无效"),
        BIRTH_DATE("第7-14位出生日期无效"),
        FUTURE_BIRTH("出生日期晚于今天"),
        CHECK_CHARACTER("校验位错误");

        private final String message;

        Problem(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    /** Asia/Shanghai: "today" for birth-date checks and ages. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARS = "10X98765432";
    private static final DateTimeFormatter BIRTH = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1890, 1, 1);
    /** Province-level codes of GB/T 2260 (with Taiwan, Hong Kong and Macao): the first two digits. */
    private static final Set<String> PROVINCES = Set.of("11", "12", "13", "14", "15", "21", "22", "23", "31", "32",
            "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62",
            "63", "64", "65", "71", "81", "82");

    /** Use {@link #parse}; the canonical constructor accepts only an already valid 18-character value. */
    public ResidentId {
        Problem p = problemOf18(value, null);
        if (p != null) {
            throw new InvalidResidentIdException(p);
        }
    }

    /** Parses as of today in Asia/Shanghai. */
    public static ResidentId parse(String raw) {
        return parse(raw, LocalDate.now(ZONE));
    }

    /**
     * Parses a number as staff write it (spaces, full-width digits, a lower-case x are tolerated; a
     * 15-digit number is converted) and checks it completely; {@code today} bounds the birth date.
     *
     * @throws InvalidResidentIdException naming the first problem found
     */
    public static ResidentId parse(String raw, LocalDate today) {
        String s = clean(raw);
        if (s.isEmpty()) {
            throw new InvalidResidentIdException(Problem.EMPTY);
        }
        if (s.matches("\\d(\\.\\d+)?E\\+?\\d+")) {
            throw new InvalidResidentIdException(Problem.EXCEL_NUMBER);
        }
        if (s.length() == 15) {
            if (!s.chars().allMatch(Character::isDigit)) {
                throw new InvalidResidentIdException(Problem.CHARACTERS);
            }
            String first17 = s.substring(0, 6) + "19" + s.substring(6);
            s = first17 + checkCharacter(first17);
        } else if (s.length() != 18) {
            throw new InvalidResidentIdException(s.chars().allMatch(c -> Character.isDigit(c) || c == 'X')
                    ? Problem.LENGTH : Problem.CHARACTERS);
        }
        Problem p = problemOf18(s, today);
        if (p != null) {
            throw new InvalidResidentIdException(p);
        }
        return new ResidentId(s);
    }

    /** True when {@link #parse(String, LocalDate)} would accept the number. */
    public static boolean isValid(String raw, LocalDate today) {
        try {
            parse(raw, today);
            return true;
        } catch (InvalidResidentIdException e) {
            return false;
        }
    }

    /** The ISO 7064 MOD 11-2 check character of the first 17 digits. */
    public static char checkCharacter(String first17) {
        if (first17.length() != 17 || !first17.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("17 digits expected");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARS.charAt(sum % 11);
    }

    public String regionCode() {
        return value.substring(0, 6);
    }

    public LocalDate birthDate() {
        return LocalDate.parse(value.substring(6, 14), BIRTH);
    }

    public Sex sex() {
        return (value.charAt(16) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE;
    }

    /** Age in full years (周岁) on {@code date}; the birthday itself counts. */
    public int ageAt(LocalDate date) {
        return ageAt(birthDate(), date);
    }

    /**
     * Age in full years on {@code date}. Someone born on 29 February has their birthday on 1 March in
     * common years (as {@link Period} counts), which is the later and so the stricter reading.
     */
    public static int ageAt(LocalDate birthDate, LocalDate date) {
        if (date.isBefore(birthDate)) {
            throw new IllegalArgumentException("date before birth");
        }
        return Period.between(birthDate, date).getYears();
    }

    /** {@code 320502********123X}: for display to those who may not see the whole number. */
    public String masked() {
        return Privacy.maskIdNumber(value);
    }

    @Override
    public String toString() {
        return masked();
    }

    private static Problem problemOf18(String s, LocalDate today) {
        if (s == null || s.length() != 18) {
            return Problem.LENGTH;
        }
        for (int i = 0; i < 18; i++) {
            char c = s.charAt(i);
            if (!(Character.isDigit(c) && c < 128 || i == 17 && c == 'X')) {
                return Problem.CHARACTERS;
            }
        }
        if (!PROVINCES.contains(s.substring(0, 2)) || s.startsWith("0000", 2)) {
            return Problem.REGION;
        }
        LocalDate birth;
        try {
            birth = LocalDate.parse(s.substring(6, 14), BIRTH);
        } catch (DateTimeException e) {
            return Problem.BIRTH_DATE;
        }
        if (birth.isBefore(EARLIEST_BIRTH)) {
            return Problem.BIRTH_DATE;
        }
        if (today != null && birth.isAfter(today)) {
            return Problem.FUTURE_BIRTH;
        }
        return checkCharacter(s.substring(0, 17)) == s.charAt(17) ? null : Problem.CHECK_CHARACTER;
    }

    private static String clean(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(raw.length());
        for (char c : raw.toCharArray()) {
            if (c >= '０' && c <= '９') {
                b.append((char) (c - '０' + '0'));
            } else if (c == 'x' || c == 'ｘ' || c == 'Ｘ') {
                b.append('X');
            } else if (!Character.isWhitespace(c) && c != '\u3000' && c != '\u00a0' && c != '\'') {
                b.append(c);
            }
        }
        return b.toString();
    }
}
