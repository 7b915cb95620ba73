package org.shouwang.notifier;

/**
 * Which paging provider reaches a phone number, in the words the console shows beside each contact's number
 * ("阿里云", "Twilio", or what cannot be reached). Pure: it looks at the number and the site's routing only.
 */
@FunctionalInterface
public interface ProviderDirectory {

    /** The provider that pages {@code recipient}, with what it cannot do there; null when not known. */
    String reaches(String recipient);

    /** For a notifier whose channels are not named providers (a test's): nothing is shown. */
    static ProviderDirectory unknown() {
        return recipient -> null;
    }
}
