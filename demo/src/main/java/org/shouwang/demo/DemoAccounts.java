package org.shouwang.demo;

import org.shouwang.console.ConsoleAccounts;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.shouwang.db.AccountRole;
import org.shouwang.db.AccountStore;

/**
 * The demo's sign-ins, one per role, matching the demo's synthetic homes (平江街道, 平江第一社区). For the
 * demo only: the password is public, so never call this for a real deployment. Blocking.
 */
public final class DemoAccounts {

    /** The community of the demo community worker. */
    static final String WORKER_COMMUNITY = "平江第一社区";

    /** The demo password of every demo account. */
    public static final String PASSWORD = "shouwang-demo";

    /** A demo sign-in to print for the newcomer. */
    public record DemoAccount(String username, String password, String description) {
    }

    private DemoAccounts() {
    }

    /** Creates the demo accounts that do not exist yet and returns all of them. */
    public static List<DemoAccount> seed(DataSource ds) {
        AccountStore accounts = new AccountStore(ds);
        List<DemoAccount> all = new ArrayList<>();
        add(all, accounts, "district", "区级值班员", AccountRole.DISTRICT, null, List.of(), "区级：全部八个街道");
        add(all, accounts, "pingjiang", "平江街道应急队", AccountRole.STREET, "平江街道", List.of(), "街道：平江街道");
        add(all, accounts, "pingjiang-1", "平江第一社区社工", AccountRole.COMMUNITY_WORKER, "平江街道",
                List.of(WORKER_COMMUNITY), "社区工作者：" + WORKER_COMMUNITY);
        return all;
    }

    private static void add(List<DemoAccount> all, AccountStore accounts, String username, String name,
                            AccountRole role, String street, List<String> communities, String description) {
        ConsoleAccounts.createIfAbsent(accounts, username, name, role, street, communities, PASSWORD, "demo");
        all.add(new DemoAccount(username, PASSWORD, description));
    }
}
