package org.shouwang.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.shouwang.model.CarrierPlatform;

/**
 * The carrier-platform gateway's tables (V20): the raw inbox of accepted pushes, the registry binding carrier
 * identities to devices, the per-product defaults and the list of identities heard from but bound to none.
 * Blocking JDBC: call it from a worker thread.
 */
public final class CarrierStore {

    /** One accepted push as it was received. */
    public record InboxRow(long id, CarrierPlatform platform, String dedupKey, Instant receivedAt, String body) {
    }

    /**
     * How one carrier identity is decoded and whose device it is; decoder, property map and cadence fall back to
     * the product's.
     *
     * @param propertyMap JSON text of the property-name mapping, or null for the decoder's defaults
     * @param uploadInterval null when neither identity nor product sets one
     */
    public record Binding(CarrierPlatform platform, String carrierDeviceId, String productId, String imei,
                          String deviceId, String decoder, String propertyMap, Duration uploadInterval,
                          Integer missedUploads) {
    }

    /** An identity that pushed data but is bound to no device. */
    public record Unbound(CarrierPlatform platform, String carrierDeviceId, String productId, String imei,
                          int seenCount, Instant firstSeen, Instant lastSeen) {
    }

    /** Per-product defaults. */
    public record Product(CarrierPlatform platform, String productId, String decoder, String propertyMap,
                          Duration uploadInterval, Integer missedUploads) {
    }

    private static final String BINDING = "SELECT i.platform, i.carrier_device_id, i.product_id, i.imei, i.device_id,"
            + " COALESCE(i.decoder, p.decoder) AS decoder,"
            + " COALESCE(i.property_map, p.property_map)::text AS property_map,"
            + " extract(epoch FROM COALESCE(i.upload_interval, p.upload_interval))::bigint AS upload_seconds,"
            + " COALESCE(i.missed_uploads, p.missed_uploads) AS missed_uploads"
            + " FROM carrier_identity i LEFT JOIN carrier_product p ON p.platform = i.platform"
            + " AND p.product_id = i.product_id";

    private final Jdbc jdbc;

    public CarrierStore(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    /** Commits a push to the inbox; false when its dedup key was already there (a retried push). */
    public boolean accept(CarrierPlatform platform, String dedupKey, String body) {
        return jdbc.update("INSERT INTO carrier_inbox (platform, dedup_key, body) VALUES (?, ?, ?)"
                + " ON CONFLICT (platform, dedup_key) DO NOTHING", platform, dedupKey, body) > 0;
    }

    /** A push to commit to the inbox. */
    public record Accept(CarrierPlatform platform, String dedupKey, String body) {
    }

    /**
     * Commits several pushes to the inbox in one statement and one transaction (group commit); returns, for each
     * push in order, whether it was new. A dedup key already there, or given twice, is new only the first time.
     */
    public List<Boolean> acceptAll(List<Accept> pushes) {
        if (pushes.isEmpty()) {
            return List.of();
        }
        Set<String> fresh = new HashSet<>(jdbc.inTransaction(c -> Jdbc.list(c,
                "INSERT INTO carrier_inbox (platform, dedup_key, body) SELECT p, k, b"
                        + " FROM unnest(?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS u(p, k, b, n) ORDER BY n"
                        + " ON CONFLICT (platform, dedup_key) DO NOTHING RETURNING platform, dedup_key",
                rs -> rs.getString(1) + "\u0000" + rs.getString(2),
                TelemetryStore.text(c, pushes.stream().map(a -> a.platform().name()).toList()),
                TelemetryStore.text(c, pushes.stream().map(Accept::dedupKey).toList()),
                TelemetryStore.text(c, pushes.stream().map(Accept::body).toList()))));
        List<Boolean> out = new ArrayList<>(pushes.size());
        for (Accept a : pushes) {
            out.add(fresh.remove(a.platform().name() + "\u0000" + a.dedupKey()));
        }
        return out;
    }

    /** The oldest undecoded pushes. */
    public List<InboxRow> pending(int limit) {
        return jdbc.list("SELECT id, platform, dedup_key, received_at, body FROM carrier_inbox WHERE state = 'PENDING'"
                + " ORDER BY id LIMIT ?", rs -> new InboxRow(rs.getLong("id"),
                CarrierPlatform.valueOf(rs.getString("platform")), rs.getString("dedup_key"),
                Jdbc.instant(rs, "received_at"), rs.getString("body")), limit);
    }

    /** Marks pushes decoded (their readings, events and statuses are written). */
    public void markDecoded(List<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.inTransaction(c -> Jdbc.update(c, "UPDATE carrier_inbox SET state = 'DECODED', decoded_at = now(),"
                    + " reason = NULL, detail = NULL WHERE id = ANY (?)", c.createArrayOf("bigint", ids.toArray())));
        }
    }

    /** Marks a push refused for good, with why. */
    public void markRejected(long id, String reason, String detail) {
        jdbc.update("UPDATE carrier_inbox SET state = 'REJECTED', decoded_at = now(), reason = ?, detail = ?"
                + " WHERE id = ?", reason, detail, id);
    }

    /** Parks a push from an unbound identity and counts the identity as seen once more. */
    public void markUnbound(long id, CarrierPlatform platform, String carrierDeviceId, String productId, String imei) {
        jdbc.inTransaction(c -> {
            Jdbc.update(c, "UPDATE carrier_inbox SET state = 'UNBOUND', carrier_device_id = ?, reason = 'UNBOUND',"
                    + " detail = NULL WHERE id = ?", carrierDeviceId, id);
            return Jdbc.update(c, "INSERT INTO carrier_unbound (platform, carrier_device_id, product_id, imei)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (platform, carrier_device_id) DO UPDATE SET"
                    + " seen_count = carrier_unbound.seen_count + 1, last_seen = now(),"
                    + " product_id = COALESCE(EXCLUDED.product_id, carrier_unbound.product_id),"
                    + " imei = COALESCE(EXCLUDED.imei, carrier_unbound.imei)", platform, carrierDeviceId, productId, imei);
        });
    }

    public Optional<Binding> binding(CarrierPlatform platform, String carrierDeviceId) {
        return jdbc.one(BINDING + " WHERE i.platform = ? AND i.carrier_device_id = ?", CarrierStore::binding,
                platform, carrierDeviceId);
    }

    /** The binding of one of our devices, if it reports through a carrier platform. */
    public Optional<Binding> bindingOfDevice(String deviceId) {
        return jdbc.one(BINDING + " WHERE i.device_id = ?", CarrierStore::binding, deviceId);
    }

    /** Identities heard from but bound to no device, most recently heard first. */
    public List<Unbound> unbound(int limit) {
        return jdbc.list("SELECT platform, carrier_device_id, product_id, imei, seen_count, first_seen, last_seen"
                + " FROM carrier_unbound ORDER BY last_seen DESC LIMIT ?", rs -> new Unbound(
                CarrierPlatform.valueOf(rs.getString("platform")), rs.getString("carrier_device_id"),
                rs.getString("product_id"), rs.getString("imei"), rs.getInt("seen_count"),
                Jdbc.instant(rs, "first_seen"), Jdbc.instant(rs, "last_seen")), limit);
    }

    public Optional<Unbound> unbound(CarrierPlatform platform, String carrierDeviceId) {
        return unbound(Integer.MAX_VALUE).stream()
                .filter(u -> u.platform() == platform && u.carrierDeviceId().equals(carrierDeviceId)).findFirst();
    }

    /**
     * Binds an identity to a device in one transaction: the binding, its parked pushes back to pending (the worker
     * decodes them next) and its entry off the unbound list. Returns how many parked pushes were requeued. A second
     * binding of the identity or of the device is a unique violation ({@link DataAccessException#isUniqueViolation}).
     */
    public int bind(Binding b) {
        return jdbc.inTransaction(c -> {
            Jdbc.update(c, "INSERT INTO carrier_identity (platform, carrier_device_id, product_id, imei, device_id,"
                            + " decoder, property_map, upload_interval, missed_uploads)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, make_interval(secs => ?), ?)", b.platform(),
                    b.carrierDeviceId(), b.productId(), b.imei(), b.deviceId(), b.decoder(), b.propertyMap(),
                    b.uploadInterval() == null ? null : (double) b.uploadInterval().toSeconds(), b.missedUploads());
            Jdbc.update(c, "DELETE FROM carrier_unbound WHERE platform = ? AND carrier_device_id = ?", b.platform(),
                    b.carrierDeviceId());
            return Jdbc.update(c, "UPDATE carrier_inbox SET state = 'PENDING', reason = NULL WHERE platform = ?"
                    + " AND carrier_device_id = ? AND state = 'UNBOUND'", b.platform(), b.carrierDeviceId());
        });
    }

    /** Creates or replaces a product's defaults. */
    public void saveProduct(Product p) {
        jdbc.update("INSERT INTO carrier_product (platform, product_id, decoder, property_map, upload_interval,"
                        + " missed_uploads) VALUES (?, ?, ?, ?::jsonb, make_interval(secs => ?), ?)"
                        + " ON CONFLICT (platform, product_id) DO UPDATE SET decoder = EXCLUDED.decoder,"
                        + " property_map = EXCLUDED.property_map, upload_interval = EXCLUDED.upload_interval,"
                        + " missed_uploads = EXCLUDED.missed_uploads", p.platform(), p.productId(), p.decoder(),
                p.propertyMap(), p.uploadInterval() == null ? null : (double) p.uploadInterval().toSeconds(),
                p.missedUploads());
    }

    public Optional<Product> product(CarrierPlatform platform, String productId) {
        return jdbc.one("SELECT platform, product_id, decoder, property_map::text AS property_map,"
                + " extract(epoch FROM upload_interval)::bigint AS upload_seconds, missed_uploads FROM carrier_product"
                + " WHERE platform = ? AND product_id = ?", rs -> new Product(CarrierPlatform.valueOf(rs.getString(1)),
                rs.getString(2), rs.getString(3), rs.getString(4), seconds(rs), Jdbc.integer(rs, "missed_uploads")),
                platform, productId);
    }

    /** Inbox rows by state, for inspection and tests. */
    public int count(CarrierPlatform platform, String state) {
        return jdbc.one("SELECT count(*) FROM carrier_inbox WHERE platform = ? AND state = ?", rs -> rs.getInt(1),
                platform, state).orElse(0);
    }

    private static Binding binding(ResultSet rs) throws SQLException {
        return new Binding(CarrierPlatform.valueOf(rs.getString("platform")), rs.getString("carrier_device_id"),
                rs.getString("product_id"), rs.getString("imei"), rs.getString("device_id"), rs.getString("decoder"),
                rs.getString("property_map"), seconds(rs), Jdbc.integer(rs, "missed_uploads"));
    }

    private static Duration seconds(ResultSet rs) throws SQLException {
        long s = rs.getLong("upload_seconds");
        return rs.wasNull() ? null : Duration.ofSeconds(s);
    }
}
