package org.shouwang.console;

/** Synthetic resident ID numbers for tests: valid shape and check character, never a real person's. */
final class Ids {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    private Ids() {
    }

    /** Gusu district (320508), born 1942-03-15, sequence from {@code n}, ISO 7064 MOD 11-2 check character. */
    static String idNumber(int n) {
        String body = "32050819420315" + String.format("%03d", n % 1000);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * WEIGHTS[i];
        }
        return body + CHECK.charAt(sum % 11);
    }
}
