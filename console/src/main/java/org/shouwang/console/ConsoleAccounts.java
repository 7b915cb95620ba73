package org.shouwang.console;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.shouwang.db.Account;
import org.shouwang.db.AccountRole;
import org.shouwang.db.AccountStore;
import org.shouwang.db.NewAccount;

/**
 * Creating console accounts with a hashed password: the bootstrap administrator from configuration, the
 * demo's accounts and the accounts staff create in the console all go through here. Blocking.
 */
public final class ConsoleAccounts {

    /** Letters, digits and {@code . _ -}: usernames appear in the audit log and must be unambiguous. */
    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{2,49}");

    private ConsoleAccounts() {
    }

    /**
     * Creates the account unless one of that name exists (then it is left as it is, password included).
     *
     * @return the account created, or empty when the name was taken
     * @throws IllegalArgumentException for a bad username or a weak password
     */
    public static Optional<Account> createIfAbsent(AccountStore accounts, String username, String displayName,
                                                   AccountRole role, String street, List<String> communities,
                                                   String password, String createdBy) {
        if (username == null || !USERNAME.matcher(username.strip()).matches()) {
            throw new IllegalArgumentException("username must be 3-50 letters, digits, '.', '_' or '-'");
        }
        String weakness = Passwords.weakness(password);
        if (weakness != null) {
            throw new IllegalArgumentException("password of " + username.strip() + " refused: " + weakness);
        }
        if (accounts.exists(username)) {
            return Optional.empty();
        }
        return Optional.of(accounts.create(new NewAccount(username, displayName, role, street, communities,
                Passwords.hash(password), createdBy)));
    }

    /** The district-wide administrator named by {@code console.adminUser}, created at the first start. */
    public static Optional<Account> ensureAdmin(AccountStore accounts, String username, String password) {
        return createIfAbsent(accounts, username, "系统管理员", AccountRole.DISTRICT, null, List.of(), password,
                "config");
    }
}
