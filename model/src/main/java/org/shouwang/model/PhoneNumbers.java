package org.shouwang.model;

/**
 * Phone numbers as staff write them (mainland mobile {@code 13812345678}, landline
 * {@code 0512-65221234}) turned into the E.164 form telephony providers need ({@code +8613812345678}).
 */
public final class PhoneNumbers {

    private PhoneNumbers() {
    }

    /** The E.164 form, or the input unchanged (trimmed) when it is already E.164 or not recognised. */
    public static String toE164(String phone) {
        if (phone == null) {
            return null;
        }
        String trimmed = phone.trim();
        if (trimmed.startsWith("+")) {
            return "+" + trimmed.substring(1).replaceAll("[^0-9]", "");
        }
        String digits = trimmed.replaceAll("[^0-9]", "");
        if (digits.startsWith("0086")) {
            return "+" + digits.substring(2);
        }
        if (digits.length() == 13 && digits.startsWith("86")) {
            return "+" + digits;
        }
        if (digits.length() == 11 && digits.startsWith("1")) {
            return "+86" + digits;
        }
        if (digits.length() >= 10 && digits.length() <= 12 && digits.startsWith("0")) {
            return "+86" + digits.substring(1); // area code without its trunk prefix 0
        }
        return trimmed;
    }
}
