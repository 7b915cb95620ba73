package org.shouwang.sim;

/** A message a simulated device published, kept so a test can send the very same bytes again. */
public record SentMessage(String topic, String msgId, byte[] payload) {
}
