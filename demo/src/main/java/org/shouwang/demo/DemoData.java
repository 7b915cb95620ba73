package org.shouwang.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.shouwang.db.RegistryStore;
import org.shouwang.model.ChildrenLocation;
import org.shouwang.model.ContactRole;
import org.shouwang.model.ElderCategory;
import org.shouwang.model.ElderFacts;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;
import org.shouwang.model.ResidentId;

/**
 * Synthetic homes for the demo: elders spread over Gusu's eight streets, each with a care team and a
 * meter and a button. Names, ID numbers and phone numbers are made up: the IDs are well formed (check
 * character included) but belong to nobody; the phones use the 1380000xxxx range.
 */
final class DemoData {

    /** One demo home: the elder and the ids of its two devices. */
    record Home(Elder elder, String meterId, String buttonId) {
    }

    /** How the demo names the devices of home n (from 1); {@code shouwang sim} defaults to the same ids. */
    static final String METER_ID_FORMAT = "meter-%04d";
    static final String BUTTON_ID_FORMAT = "btn-%04d";

    private static final String[] STREETS = {"平江街道", "沧浪街道", "双塔街道", "虎丘街道", "吴门桥街道", "金阊街道",
        "白洋湾街道", "苏锦街道"};
    private static final String[] COMMUNITIES = {"第一社区", "第二社区", "第三社区"};
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"};
    private static final String[] GIVEN = {"秀英", "桂英", "玉兰", "建国", "德明", "淑珍", "志强", "凤英", "国华", "美华"};
    private static final String[] ROADS = {"示例路", "演示巷", "样板街", "测试弄"};

    private DemoData() {
    }

    /** Registers the homes, or finds them again when a kept demo database already has them. */
    static List<Home> seed(RegistryStore registry, int homes, long seed) {
        if (registry.findDevice(meterId(1)).isPresent()) {
            return existing(registry, homes);
        }
        Random random = new Random(seed);
        List<Home> out = new ArrayList<>(homes);
        for (int i = 1; i <= homes; i++) {
            String street = STREETS[(i - 1) % STREETS.length];
            int drawn = random.nextInt(COMMUNITIES.length);
            // The first home of each street is in its 第一社区, where the demo community worker works.
            String community = street.replace("街道", "") + COMMUNITIES[i <= STREETS.length ? 0 : drawn];
            String name = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
            String address = street + ROADS[random.nextInt(ROADS.length)] + (1 + random.nextInt(200)) + "号"
                    + (1 + random.nextInt(6)) + "0" + (1 + random.nextInt(4)) + "室";
            // Living alone with children outside the district and born 1930-1945: key elders, with the
            // policy's duties; every fifth lives with children in another street of Gusu (not key).
            boolean alone = i % 5 != 0;
            ElderFacts facts = new ElderFacts(alone ? ElderCategory.LIVING_ALONE : ElderCategory.EMPTY_NEST,
                    alone ? ChildrenLocation.OUTSIDE_DISTRICT : ChildrenLocation.OUTSIDE_STREET, false, null, null,
                    null);
            Elder elder = registry.createElder(new Elder(0, name, idNumber(i, random), street, community,
                    address, phone(i, 0), true), facts);
            registry.addContact(elder.id(), ContactRole.NEIGHBOUR_VOLUNTEER, "邻居" + SURNAMES[i % SURNAMES.length] + "阿姨",
                    phone(i, 1), 1);
            registry.addContact(elder.id(), ContactRole.COMMUNITY_WORKER, community + "社工", phone(i, 2), 1);
            registry.addContact(elder.id(), ContactRole.STREET_EMERGENCY_TEAM, street + "应急队", phone(i, 3), 1);
            registry.addContact(elder.id(), ContactRole.FAMILY_CONTACT, "子女联系人", phone(i, 4), 1);
            String meter = meterId(i);
            String button = buttonId(i);
            registry.addDevice(meter, DeviceKind.WATER_METER, elder.id());
            registry.addDevice(button, DeviceKind.CALL_BUTTON, elder.id());
            out.add(new Home(elder, meter, button));
        }
        return out;
    }

    private static List<Home> existing(RegistryStore registry, int homes) {
        List<Home> out = new ArrayList<>(homes);
        for (int i = 1; i <= homes; i++) {
            int n = i;
            registry.findDevice(meterId(n)).flatMap(d -> registry.findElder(d.elderId()))
                    .ifPresent(e -> out.add(new Home(e, meterId(n), buttonId(n))));
        }
        return out;
    }

    static String meterId(int home) {
        return String.format(METER_ID_FORMAT, home);
    }

    private static String buttonId(int home) {
        return String.format(BUTTON_ID_FORMAT, home);
    }

    /** A well-formed but made-up Gusu (320508) resident ID of someone born 1930-1945. */
    private static String idNumber(int home, Random random) {
        String first17 = String.format("320508%04d%02d%02d%03d", 1930 + random.nextInt(16), 1 + random.nextInt(12),
                1 + random.nextInt(28), home);
        return first17 + ResidentId.checkCharacter(first17);
    }

    private static String phone(int home, int role) {
        return String.format("1380000%02d%02d", home % 100, role);
    }
}
