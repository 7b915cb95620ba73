package org.shouwang.app;

import java.util.function.Supplier;

/**
 * What {@link AppConfig}'s sections share to check themselves. It is a class of its own, not static methods of
 * {@code AppConfig}: a section's constructor calling into {@code AppConfig} ran {@code AppConfig}'s static
 * initializer in the middle of the section's own when the section was loaded first, and {@link AppConfig#DEFAULTS}
 * then held null for that section ({@code AppConfigInitOrderTest}).
 */
final class ConfigSections {

    private ConfigSections() {
    }

    /** Builds the module's options to validate a section, naming the section when they refuse. */
    static void validated(String section, Supplier<?> options) {
        try {
            options.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            // No cause: AppConfig.from() reports the deepest cause, and this one names the section.
            throw new IllegalArgumentException(section + ": " + e.getMessage());
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
