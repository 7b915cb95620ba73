package org.shouwang.sim;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Where a site's broker is and how simulated devices reach it: {@code tcp://} or {@code ssl://}, the devices'
 * logins, and for TLS the certificate authority to trust (a PEM file; the JVM's own trust store when none) and
 * whether the broker's host name must match its certificate.
 */
public final class BrokerAccess {

    private final String url;
    private final DeviceLogins logins;
    private final SSLSocketFactory tls;
    private final boolean verifyHostname;

    private BrokerAccess(String url, DeviceLogins logins, SSLSocketFactory tls, boolean verifyHostname) {
        this.url = url;
        this.logins = logins;
        this.tls = tls;
        this.verifyHostname = verifyHostname;
    }

    /**
     * @param caFile         PEM certificate(s) to trust for {@code ssl://}; null: the JVM's trust store
     * @param verifyHostname false skips only the host name check, never the certificate chain
     */
    public static BrokerAccess of(String url, DeviceLogins logins, Path caFile, boolean verifyHostname) {
        String checked = checkUrl(url);
        boolean ssl = checked.startsWith("ssl://");
        if (!ssl && caFile != null) {
            throw new IllegalArgumentException("a CA file is for an ssl:// broker URL, not " + checked);
        }
        if (!ssl && !verifyHostname) {
            throw new IllegalArgumentException("skipping host name verification is for an ssl:// broker URL, not "
                    + checked);
        }
        return new BrokerAccess(checked, Objects.requireNonNull(logins, "logins"),
                caFile == null ? null : trusting(caFile), verifyHostname);
    }

    /** {@code tcp://host[:port]} (1883) or {@code ssl://host[:port]} (8883); no login in it (that goes apart). */
    static String checkUrl(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a broker URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("tcp") && !scheme.equals("ssl")) {
            throw new IllegalArgumentException("the broker URL must start with tcp:// or ssl://, not " + redact(url));
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("put the login in --username/--password or --credentials,"
                    + " not in the URL");
        }
        if (uri.getHost() == null || !(uri.getRawPath() == null || uri.getRawPath().isEmpty()
                || uri.getRawPath().equals("/")) || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("the broker URL must be " + scheme + "://host:port, not " + redact(url));
        }
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("ssl") ? 8883 : 1883;
        return scheme + "://" + uri.getHost() + ":" + port;
    }

    private static String redact(String url) {
        return url == null ? "nothing" : url.replaceAll("//[^/@]*@", "//***@");
    }

    /** A socket factory trusting exactly the certificates in {@code pem}. */
    static SSLSocketFactory trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("CA file " + pem + " holds no certificate");
            }
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int n = 0;
            for (Certificate c : certificates) {
                trust.setCertificateEntry("ca-" + n++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("CA file " + pem + " does not exist");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("CA file " + pem + " is not PEM certificates: " + e.getMessage());
        }
    }

    public String url() {
        return url;
    }

    public DeviceLogins logins() {
        return logins;
    }

    public boolean tls() {
        return url.startsWith("ssl://");
    }

    /** Makes {@code device} log in as this access says when it connects. */
    void configure(SimulatedDevice device) {
        DeviceLogins.Login login = logins.of(device.deviceId());
        device.login(options -> {
            options.setUserName(login.username());
            if (login.password() != null) {
                options.setPassword(login.password().toCharArray());
            }
            if (tls != null) {
                options.setSocketFactory(tls);
            }
            options.setHttpsHostnameVerificationEnabled(verifyHostname);
        });
    }

    /** For the log: the broker, TLS and how devices log in; never a name or password. */
    public String describe() {
        String security = !tls() ? "no TLS" : "TLS" + (tls == null ? " (JVM trust store)" : " (CA file)")
                + (verifyHostname ? "" : ", host name not verified");
        return url + ", " + security + ", login: " + logins.describe();
    }
}
