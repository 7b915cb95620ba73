package org.shouwang.demo.bench;

import java.util.ArrayList;
import java.util.List;
import org.shouwang.db.RegistryStore;
import org.shouwang.model.ContactRole;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;
import org.shouwang.model.PhoneNumbers;

/**
 * The bench's registry: homes with a meter and nobody to page (the load), and homes with a call button whose care
 * team has numbers of its own (the presses). Every pressing home's neighbour and community worker have numbers
 * no other home has, so the first provider request to either is that press's first page, unambiguously; no meter
 * is in a pressing home, so no reading can page anyone there first. Device ids carry the run's tag, so runs on a
 * shared broker do not meet.
 */
public final class BenchHomes {

    /** A pressing home: its button and the E.164 numbers its first page may go to. */
    public record PressHome(String buttonId, List<String> phones) {
    }

    private final String meterIdFormat;
    private final List<String> meterIds;
    private final List<PressHome> pressHomes;

    private BenchHomes(String meterIdFormat, List<String> meterIds, List<PressHome> pressHomes) {
        this.meterIdFormat = meterIdFormat;
        this.meterIds = meterIds;
        this.pressHomes = pressHomes;
    }

    /** Registers {@code meters} metered homes and {@code presses} pressing homes (at most 99,999). */
    public static BenchHomes register(RegistryStore registry, String run, int meters, int presses) {
        if (presses > 99_999) {
            throw new IllegalArgumentException("at most 99999 presses: each needs numbers of its own");
        }
        String meterFormat = "bench-" + run + "-m%d";
        List<String> meterIds = new ArrayList<>(meters);
        for (int i = 1; i <= meters; i++) {
            long elder = registry.createElder(elder("计量户" + i, i)).id();
            String id = String.format(meterFormat, i);
            registry.addDevice(id, DeviceKind.WATER_METER, elder);
            meterIds.add(id);
        }
        List<PressHome> pressHomes = new ArrayList<>(presses);
        for (int i = 1; i <= presses; i++) {
            long elder = registry.createElder(elder("按键户" + i, i)).id();
            // 1390 + role digit + five digits: eleven-digit mainland mobiles that no other home shares.
            String neighbour = String.format("13901%06d", i);
            String worker = String.format("13902%06d", i);
            registry.addContact(elder, ContactRole.NEIGHBOUR_VOLUNTEER, "邻居" + i, neighbour, 1);
            registry.addContact(elder, ContactRole.COMMUNITY_WORKER, "社工" + i, worker, 1);
            String button = "bench-" + run + "-b" + i;
            registry.addDevice(button, DeviceKind.CALL_BUTTON, elder);
            pressHomes.add(new PressHome(button, List.of(PhoneNumbers.toE164(neighbour), PhoneNumbers.toE164(worker))));
        }
        return new BenchHomes(meterFormat, List.copyOf(meterIds), List.copyOf(pressHomes));
    }

    private static Elder elder(String name, int i) {
        return new Elder(0, name, null, "平江街道", "平江第一社区", "平江街道示例路" + i + "号", null, true);
    }

    /** Meter n's id as a Java format of n (from 1), for {@code shouwang sim load --meter-id-format}. */
    public String meterIdFormat() {
        return meterIdFormat;
    }

    public List<String> meterIds() {
        return meterIds;
    }

    public List<PressHome> pressHomes() {
        return pressHomes;
    }
}
