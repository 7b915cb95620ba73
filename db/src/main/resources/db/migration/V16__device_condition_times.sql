-- When the battery and signal readings held on a device were taken. last_seen_at alone cannot tell: a meter's
-- alarm (no signal, written by its own writer ahead of readings) may commit before an earlier reading that
-- carries the signal, and that reading's signal is still the newest one there is.
ALTER TABLE device
    ADD COLUMN battery_at timestamptz,
    ADD COLUMN rssi_at    timestamptz;
UPDATE device SET battery_at = last_seen_at WHERE battery IS NOT NULL;
UPDATE device SET rssi_at = last_seen_at WHERE rssi IS NOT NULL;
