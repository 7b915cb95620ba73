package org.shouwang.carrier.onenet;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.shouwang.carrier.decode.DecodeException;

/**
 * OneNET safe mode ("安全模式"): {@code msg} arrives as base64 of AES-CBC ciphertext under the push instance's
 * 16-character key, which OneNET generates. Our reading of the documentation, stated because OneNET's page does not
 * spell out the IV: the key is the UTF-8 bytes of the configured string (AES-128), the IV is the same 16 bytes and
 * the padding is PKCS#7. The signature is checked over the ciphertext before decryption (README: carrier).
 */
public final class OneNetCipher {

    private final byte[] key;

    public OneNetCipher(String aesKey) {
        byte[] k = aesKey.getBytes(StandardCharsets.UTF_8);
        if (k.length != 16) {
            throw new IllegalArgumentException("the OneNET AES key has 16 characters, was " + k.length);
        }
        this.key = k;
    }

    public String decrypt(String base64Ciphertext) throws DecodeException {
        byte[] ciphertext;
        try {
            ciphertext = Base64.getDecoder().decode(base64Ciphertext.strip());
        } catch (IllegalArgumentException e) {
            throw new DecodeException(DecodeException.BAD_BASE64, "safe-mode msg is not base64");
        }
        try {
            return new String(cipher(Cipher.DECRYPT_MODE).doFinal(ciphertext), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new DecodeException(DecodeException.BAD_CIPHERTEXT, "safe-mode msg does not decrypt under the key");
        }
    }

    /** The inverse, for stand-ins that push like OneNET does (simulator, tests). */
    public String encrypt(String plaintext) {
        try {
            return Base64.getEncoder().encodeToString(cipher(Cipher.ENCRYPT_MODE)
                    .doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-CBC is part of every Java runtime", e);
        }
    }

    private Cipher cipher(int mode) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
        c.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(key));
        return c;
    }
}
