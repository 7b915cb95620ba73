package org.shouwang.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a mainland phone number as staff write it and gives its one canonical form: a mobile as
 * 11 digits ({@code 13812345678}), a landline as area code, hyphen, local number and optional
 * extension ({@code 0512-65221234}, {@code 0512-65221234-801}). Canonical forms make a re-imported
 * roster compare equal to what is stored; {@link PhoneNumbers#toE164} then dials them.
 */
public final class MainlandPhone {

    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    /** Area code, optional separator, 7-8 digit local number, optional extension. */
    private static final Pattern LANDLINE = Pattern.compile(
            "\\(?(0\\d{2,3})\\)?-?([2-9]\\d{6,7})(?:(?:-|转|#|分机|ext\\.?)(\\d{1,6}))?");
    private static final Pattern SEVERAL = Pattern.compile(".*\\d.*[/、,，;；或].*\\d.*");

    private MainlandPhone() {
    }

    /** The canonical form, or an exception whose message says in Chinese what is wrong. */
    public static String normalize(String raw) {
        String s = clean(raw);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("未填写");
        }
        if (SEVERAL.matcher(s).matches()) {
            throw new IllegalArgumentException("一格只能填写一个号码");
        }
        String mobile = s.replace("-", "").replaceFirst("^(\\+86|0086|86(?=1\\d{10}$))", "");
        if (MOBILE.matcher(mobile).matches()) {
            return mobile;
        }
        Matcher m = LANDLINE.matcher(s);
        if (m.matches() && areaCodeFits(m.group(1))) {
            return m.group(1) + "-" + m.group(2) + (m.group(3) == null ? "" : "-" + m.group(3));
        }
        if (s.chars().allMatch(Character::isDigit)) {
            return digitsOnly(s);
        }
        throw new IllegalArgumentException(GENERIC);
    }

    /** What is wrong with the number, or empty when it is valid. */
    public static Optional<String> problem(String raw) {
        try {
            normalize(raw);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    public static boolean isValid(String raw) {
        return problem(raw).isEmpty();
    }

    private static final String GENERIC = "不是有效的手机号或固定电话（手机为1开头的11位数字，固话须带区号，如0512-65221234）";

    /** A run of digits without separators: the area code is split off by its length rule. */
    private static String digitsOnly(String s) {
        if (s.startsWith("1")) {
            throw new IllegalArgumentException(s.length() == 11 ? "手机号第2位应为3-9" : "手机号应为11位数字");
        }
        if (!s.startsWith("0")) {
            throw new IllegalArgumentException(s.length() == 7 || s.length() == 8
                    ? "固定电话缺少区号（如0512-65221234）" : GENERIC);
        }
        int area = s.startsWith("01") || s.startsWith("02") ? 3 : 4;
        String local = s.substring(Math.min(area, s.length()));
        if (local.length() < 7 || local.length() > 8 || local.charAt(0) < '2') {
            throw new IllegalArgumentException("固定电话位数不对（区号后应为7-8位号码）");
        }
        return s.substring(0, area) + "-" + local;
    }

    /** Beijing (010) and the 02x cities have 3-digit area codes, every other area 4 digits. */
    private static boolean areaCodeFits(String area) {
        boolean short3 = area.startsWith("01") || area.startsWith("02");
        return short3 ? area.length() == 3 : area.length() == 4;
    }

    private static String clean(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(raw.length());
        for (char c : raw.strip().toCharArray()) {
            if (c >= '０' && c <= '９') {
                b.append((char) (c - '０' + '0'));
            } else if (c == '－' || c == '—' || c == '–') {
                b.append('-');
            } else if (c == '（') {
                b.append('(');
            } else if (c == '）') {
                b.append(')');
            } else if (c == '＋') {
                b.append('+');
            } else if (!Character.isWhitespace(c) && c != '\u3000' && c != '\u00a0' && c != '\'') {
                b.append(c);
            }
        }
        // "(0512)-65221234" and "0512)65221234" read the same as "0512-65221234".
        return b.toString().replace(")-", ")").toLowerCase(java.util.Locale.ROOT);
    }
}
