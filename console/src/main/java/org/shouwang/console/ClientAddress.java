package org.shouwang.console;

import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Which client address a login is counted against. It is the TCP peer, unless the peer is one of the
 * configured trusted proxies: then it is the rightmost {@code X-Forwarded-For} entry that is not itself a
 * trusted proxy (what the nearest trusted proxy saw; entries further left are the client's own word and
 * may be forged). An IPv6 client counts by its /64 prefix, since one subscriber holds a whole /64.
 */
final class ClientAddress {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    /** A peer Vert.x cannot name (a Unix socket): all such share one count, which errs on the safe side. */
    static final String UNKNOWN = "unknown";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClientAddress.class);
    private static final java.util.concurrent.atomic.AtomicBoolean WARNED_UNTRUSTED_PROXY =
            new java.util.concurrent.atomic.AtomicBoolean();

    private ClientAddress() {
    }

    /** The address key of the request, as stored with its login attempt. */
    static String of(HttpServerRequest request, Set<String> trustedProxies) {
        SocketAddress peer = request.remoteAddress();
        return of(peer == null ? null : peer.hostAddress(), request.headers().getAll(FORWARDED_FOR), trustedProxies);
    }

    /** As above, from the peer's address and the request's {@code X-Forwarded-For} headers, in order. */
    static String of(String peer, List<String> forwardedFor, Set<String> trustedProxies) {
        InetAddress client = peer == null ? null : literal(peer);
        if (client == null) {
            return UNKNOWN;
        }
        if (!forwardedFor.isEmpty() && trustedProxies.isEmpty() && WARNED_UNTRUSTED_PROXY.compareAndSet(false, true)) {
            // Behind a proxy nobody declared, every client shares the proxy's address: one count for all of them,
            // and lock-out per account and address becomes lock-out per account again.
            LOG.warn("requests carry X-Forwarded-For but console.trustedProxies is empty: every client behind that"
                    + " proxy shares one address for the login throttle; list the proxy's address there");
        }
        if (trustedProxies.contains(client.getHostAddress())) {
            List<String> hops = forwardedFor.stream().flatMap(h -> Arrays.stream(h.split(","))).map(String::strip)
                    .toList();
            for (int i = hops.size() - 1; i >= 0; i--) {
                InetAddress hop = literal(withoutPort(hops.get(i)));
                if (hop == null) {
                    break; // a trusted proxy wrote nonsense: count against the last hop we could read
                }
                client = hop;
                if (!trustedProxies.contains(hop.getHostAddress())) {
                    break;
                }
            }
        }
        return key(client);
    }

    /** The canonical form of an IP literal, for configuration; fails on anything else (never a DNS lookup). */
    static String canonical(String literal) {
        InetAddress address = literal == null ? null : literal(literal.strip());
        if (address == null) {
            throw new IllegalArgumentException("console.trustedProxies must be IP addresses, was " + literal);
        }
        return address.getHostAddress();
    }

    private static String key(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return address.getHostAddress();
        }
        try {
            return InetAddress.getByAddress(Arrays.copyOf(Arrays.copyOf(bytes, 8), 16)).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are an IPv6 address", e);
        }
    }

    /** The address an IP literal names, or null when the text is not one; never resolves a name. */
    private static InetAddress literal(String text) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(text);
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** {@code 192.0.2.1:4711} and {@code [2001:db8::1]:4711}, as some proxies write them, without the port. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            return close < 0 ? hop : hop.substring(1, close);
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }
}
