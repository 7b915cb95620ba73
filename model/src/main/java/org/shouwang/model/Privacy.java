package org.shouwang.model;

/**
 * Masks sensitive personal information for display (PIPL: least access, masked display). Logs carry
 * only internal ids, never these values.
 */
public final class Privacy {

    private Privacy() {
    }

    /** {@code 320502198001011234} becomes {@code 320502********1234}. */
    public static String maskIdNumber(String id) {
        if (id == null || id.length() < 10) {
            return id == null ? null : "*".repeat(id.length());
        }
        return id.substring(0, 6) + "*".repeat(id.length() - 10) + id.substring(id.length() - 4);
    }

    /** {@code 13812345678} becomes {@code 138****5678}; landlines keep only their last four digits. */
    public static String maskPhone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.length() == 11 && digits.startsWith("1")) {
            return digits.substring(0, 3) + "****" + digits.substring(7);
        }
        if (digits.length() <= 4) {
            return "*".repeat(digits.length());
        }
        return "*".repeat(digits.length() - 4) + digits.substring(digits.length() - 4);
    }

    /** Keeps the first six characters (district and street level), hides the house. */
    public static String maskAddress(String address) {
        if (address == null) {
            return null;
        }
        int keep = Math.min(6, address.length() / 2);
        return address.substring(0, keep) + "****";
    }
}
