package org.shouwang.ingest;

/**
 * A message on its way from the MQTT client to the database, with what is needed to acknowledge it later.
 *
 * @param topic       the topic it came on
 * @param payload     the bytes as received, kept for quarantine
 * @param mqttId      the packet id to acknowledge
 * @param qos         the QoS it arrived with (0 needs no acknowledgement)
 * @param connection  which connection it arrived on: an ack on a later connection could hit another message
 *                    that reuses the packet id, so it is only sent on the same one
 * @param inbound     what the message turned out to be
 */
record PendingMessage(String topic, byte[] payload, int mqttId, int qos, long connection, Inbound inbound) {
}
