package org.shouwang.carrier.onenet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * OneNET's push signature: {@code base64(md5(token + nonce + msg))} over the UTF-8 bytes, msg exactly as sent (the
 * ciphertext in safe mode). Checked in constant time.
 */
public final class OneNetSignature {

    private final byte[] token;

    public OneNetSignature(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a OneNET token is required");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    public String sign(String nonce, String msg) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(token);
            md5.update(nonce.getBytes(StandardCharsets.UTF_8));
            md5.update(msg.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }

    /**
     * True when {@code signature} is the one for nonce and msg. A '+' of the base64 signature that reached us as a
     * space (an unencoded query string, form-decoded) is read back as '+'.
     */
    public boolean verify(String nonce, String msg, String signature) {
        if (nonce == null || msg == null || signature == null) {
            return false;
        }
        byte[] expected = sign(nonce, msg).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.strip().replace(' ', '+').getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }
}
