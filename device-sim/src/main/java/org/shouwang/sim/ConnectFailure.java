package org.shouwang.sim;

import javax.net.ssl.SSLException;
import org.eclipse.paho.client.mqttv3.MqttException;

/** Why a simulated device could not get onto a broker, in the words an installer needs to fix it. */
public enum ConnectFailure {

    /** Wrong username or password, or the account may not connect. */
    LOGIN_REFUSED,
    /** Nothing answers, or the broker turned the connection away. */
    UNREACHABLE,
    /** The TLS handshake failed: an untrusted certificate, or one that names another host. */
    TLS_FAILED,
    /** Anything else (a publish failed midway, the connection dropped). */
    OTHER;

    /** The kind of failure behind {@code e} (a {@link SimulatorException} wrapping Paho's). */
    public static ConnectFailure of(Throwable e) {
        // TLS first: Paho reports a failed handshake as a connect error with the SSLException as its cause.
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return TLS_FAILED;
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MqttException m) {
                switch (m.getReasonCode()) {
                    case MqttException.REASON_CODE_FAILED_AUTHENTICATION, MqttException.REASON_CODE_NOT_AUTHORIZED,
                            MqttException.REASON_CODE_INVALID_CLIENT_ID:
                        return LOGIN_REFUSED;
                    case MqttException.REASON_CODE_SERVER_CONNECT_ERROR, MqttException.REASON_CODE_BROKER_UNAVAILABLE,
                            MqttException.REASON_CODE_CLIENT_TIMEOUT, MqttException.REASON_CODE_SSL_CONFIG_ERROR,
                            MqttException.REASON_CODE_SOCKET_FACTORY_MISMATCH:
                        return UNREACHABLE;
                    default:
                        break;
                }
            }
        }
        return OTHER;
    }

    /** One line on what went wrong and what to check; {@code e}'s own message names the device. */
    public static String explain(Throwable e) {
        String device = e.getMessage() == null ? "a device" : e.getMessage();
        String cause = rootMessage(e);
        return switch (of(e)) {
            case LOGIN_REFUSED -> "the broker refused the login (" + device + ": " + cause
                    + "): check --username/--password or --credentials, and that the device is in the broker's"
                    + " password file (shouwang devices mosquitto-auth, then reload Mosquitto)";
            case UNREACHABLE -> "cannot reach the broker (" + device + ": " + cause
                    + "): check --mqtt-url and that the broker listens there";
            case TLS_FAILED -> "TLS with the broker failed (" + device + ": " + cause
                    + "): check --ca-file (the CA that signed the broker's certificate) and that the URL's host is"
                    + " the one the certificate names (--insecure skips only that check)";
            case OTHER -> device + ": " + cause;
        };
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String own = root.getMessage();
        return own == null || own.isBlank() ? root.getClass().getSimpleName() : own;
    }
}
