package org.shouwang.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Random;
import org.shouwang.db.Jdbc;
import org.shouwang.db.Stores;
import org.shouwang.model.CareContact;
import org.shouwang.model.ContactRole;
import org.shouwang.model.Elder;
import org.shouwang.model.ResidentId;
import org.shouwang.model.care.Agreement;
import org.shouwang.model.care.AgreementStatus;
import org.shouwang.model.care.CareKind;
import org.shouwang.model.care.NeedCategory;
import org.shouwang.model.care.NewCareRecord;

/**
 * Four weeks of routine care for the demo homes, so the console opens with due and overdue duties and a
 * supervision page with figures: most agreements signed, a few drafts and a few missing; neighbours who call
 * nearly every day, one who has not called for three days; community workers who mostly manage two contacts a
 * week; a home-care organisation for every third home. Deterministic for a seed; written once per database.
 */
final class DemoCare {

    static final int WEEKS = 4;

    private static final String[] VISITS = {"上门看望，老人精神不错", "送米送油，检查燃气阀门", "陪同量血压，血压偏高，提醒按时服药",
        "打扫厨房，清理过期食品", "聊天半小时，老人想念子女"};
    private static final String[] CALLS = {"电话问候，老人一切正常", "电话提醒天冷加衣", "电话询问用药情况", "电话确认明日社区体检"};

    private DemoCare() {
    }

    /** Seeds the care history of {@code homes} up to now, unless this database has care records already. */
    static int seed(Stores stores, List<DemoData.Home> homes, Clock clock, long seed) {
        Jdbc jdbc = new Jdbc(stores.dataSource());
        if (jdbc.one("SELECT count(*) FROM care_record", rs -> rs.getLong(1)).orElse(0L) > 0) {
            return 0;
        }
        Random random = new Random(seed);
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ResidentId.ZONE);
        LocalDate first = today.minusWeeks(WEEKS);
        int written = 0;
        int silent = silentHome(homes);
        for (int n = 0; n < homes.size(); n++) {
            Elder elder = homes.get(n).elder();
            // The demo homes were "registered" when their history begins: duties start at registration.
            jdbc.update("UPDATE elder SET created_at = ? WHERE id = ?",
                    first.atStartOfDay(ResidentId.ZONE).toInstant(), elder.id());
            List<CareContact> team = stores.registry().contacts(elder.id());
            CareContact neighbour = first(team, ContactRole.NEIGHBOUR_VOLUNTEER);
            CareContact worker = first(team, ContactRole.COMMUNITY_WORKER);
            CareContact homeCare = n % 3 == 2
                    ? stores.registry().addContact(elder.id(), ContactRole.HOME_CARE_ORG, "姑苏颐养居家服务中心",
                    String.format("13800009%03d", n), 1) : null;
            agreement(stores, elder, n, worker, neighbour, first, now);
            // One neighbour in the demo community worker's community has not called for three days: overdue,
            // and a case for the community worker.
            int silentFrom = n == silent ? 3 : -1;
            for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
                int back = (int) (today.toEpochDay() - d.toEpochDay());
                boolean neighbourCalls = back >= 1 ? random.nextDouble() < 0.88 : random.nextDouble() < 0.4;
                if (neighbour != null && neighbourCalls && !(silentFrom > 0 && back <= silentFrom)) {
                    written += write(stores, elder, neighbour, d, random, now);
                }
                boolean workerDay = d.getDayOfWeek().getValue() == 2 || d.getDayOfWeek().getValue() == 5;
                // One week in five the worker manages only one contact.
                if (worker != null && workerDay && !(d.getDayOfWeek().getValue() == 5 && random.nextInt(5) == 0)) {
                    written += write(stores, elder, worker, d, random, now);
                }
                boolean homeCareDay = d.getDayOfWeek().getValue() == 1 || d.getDayOfWeek().getValue() == 4;
                if (homeCare != null && homeCareDay && random.nextInt(6) > 0) {
                    written += write(stores, elder, homeCare, d, random, now);
                }
            }
        }
        return written;
    }

    private static void agreement(Stores stores, Elder elder, int n, CareContact worker, CareContact neighbour,
                                  LocalDate first, Instant now) {
        if (n % 5 == 3) {
            return;
        }
        AgreementStatus status = n % 7 == 4 ? AgreementStatus.DRAFT : AgreementStatus.SIGNED;
        stores.care().putAgreement(new Agreement(elder.id(), status, elder.street(), elder.street() + "主任",
                worker == null ? null : worker.id(), neighbour == null ? null : neighbour.id(), "基本健康，能自理",
                status == AgreementStatus.SIGNED ? first.minusDays(n) : null, null, false, now, "演示数据"));
    }

    private static int write(Stores stores, Elder elder, CareContact who, LocalDate day, Random random, Instant now) {
        Instant at = day.atTime(LocalTime.of(8 + random.nextInt(11), random.nextInt(60))).atZone(ResidentId.ZONE)
                .toInstant();
        if (at.isAfter(now.minus(Duration.ofMinutes(1)))) {
            return 0;
        }
        boolean visit = who.role() != ContactRole.HOME_CARE_ORG && random.nextInt(3) == 0;
        String content = visit ? VISITS[random.nextInt(VISITS.length)] : CALLS[random.nextInt(CALLS.length)];
        List<NeedCategory> needs = content.contains("血压") ? List.of(NeedCategory.HEALTH)
                : content.contains("子女") ? List.of(NeedCategory.EMOTIONAL) : List.of();
        stores.care().write(new NewCareRecord("demo:" + elder.id() + ":" + who.id() + ":" + day, elder.id(),
                who.role(), null, who.id(), who.name(), visit ? CareKind.VISIT : CareKind.PHONE, at, content, needs,
                null, !needs.isEmpty(), null, "演示数据"));
        return 1;
    }

    /** The first home of the demo community worker's community (DemoAccounts), else the first home. */
    private static int silentHome(List<DemoData.Home> homes) {
        for (int n = 0; n < homes.size(); n++) {
            if (DemoAccounts.WORKER_COMMUNITY.equals(homes.get(n).elder().community())) {
                return n;
            }
        }
        return 0;
    }

    private static CareContact first(List<CareContact> team, ContactRole role) {
        return team.stream().filter(c -> c.role() == role).findFirst().orElse(null);
    }
}
