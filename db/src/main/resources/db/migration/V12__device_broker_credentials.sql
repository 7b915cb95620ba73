-- Each device's MQTT password, as the broker's password file holds it (Mosquitto's PBKDF2-SHA512 "$7$" hash):
-- never the password itself. Set when `shouwang devices mosquitto-auth` first exports the device.
ALTER TABLE device ADD COLUMN broker_password_hash text;
