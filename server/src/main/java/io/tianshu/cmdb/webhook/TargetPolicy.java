package io.tianshu.cmdb.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

import io.tianshu.platform.FieldViolation;

/**
 * Which URLs a subscription may target: absolute http(s) URLs without credentials, and,
 * unless {@code tianshu.cmdb.webhooks.allow-private-targets} is on, only hosts that
 * resolve to public addresses (SSRF protection: no loopback, private, link-local or
 * cloud-metadata targets). The address check runs again before every attempt, so a DNS
 * name that later points inside is refused then.
 */
final class TargetPolicy {

	static final int MAX_URL_LENGTH = 2000;

	private TargetPolicy() {
	}

	/** The URL, or {@code null} with a violation on {@code field}. */
	static URI parse(String text, String field, List<FieldViolation> violations) {
		String url = (text != null) ? text.strip() : "";
		if (url.isEmpty()) {
			violations.add(new FieldViolation(field, "cmdb.webhook.url-required", "url is required"));
			return null;
		}
		if (url.length() > MAX_URL_LENGTH) {
			violations.add(new FieldViolation(field, "cmdb.webhook.url-invalid",
					"url must be at most " + MAX_URL_LENGTH + " characters"));
			return null;
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			violations.add(new FieldViolation(field, "cmdb.webhook.url-invalid", "not a valid URL: " + ex.getReason()));
			return null;
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
		if (!"http".equals(scheme) && !"https".equals(scheme)) {
			violations
				.add(new FieldViolation(field, "cmdb.webhook.url-scheme", "url must start with http:// or https://"));
			return null;
		}
		if (uri.getHost() == null || uri.getHost().isBlank()) {
			violations.add(new FieldViolation(field, "cmdb.webhook.url-invalid", "url must name a host"));
			return null;
		}
		if (uri.getRawUserInfo() != null) {
			violations.add(new FieldViolation(field, "cmdb.webhook.url-credentials",
					"url must not contain credentials; deliveries are authenticated by their signature"));
			return null;
		}
		if (uri.getRawFragment() != null) {
			violations.add(new FieldViolation(field, "cmdb.webhook.url-invalid", "url must not have a fragment (#)"));
			return null;
		}
		return uri;
	}

	/**
	 * Why the target may not be called, or {@code null} when it may.
	 */
	static String refusal(URI uri, boolean allowPrivate) {
		if (allowPrivate) {
			return null;
		}
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(uri.getHost());
		}
		catch (UnknownHostException ex) {
			return "host " + uri.getHost() + " does not resolve";
		}
		for (InetAddress address : addresses) {
			if (!isPublic(address)) {
				return "host " + uri.getHost() + " resolves to the non-public address " + address.getHostAddress()
						+ " (tianshu.cmdb.webhooks.allow-private-targets is off)";
			}
		}
		return null;
	}

	static boolean isPublic(InetAddress address) {
		if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return false;
		}
		byte[] b = address.getAddress();
		if (address instanceof Inet6Address) {
			// fc00::/7 unique local; ::ffff:0:0/96 mapped IPv4 is checked as IPv4
			if ((b[0] & 0xfe) == 0xfc) {
				return false;
			}
			boolean mapped = true;
			for (int i = 0; i < 10; i++) {
				mapped &= b[i] == 0;
			}
			if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
				try {
					return isPublic(InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] }));
				}
				catch (UnknownHostException ex) {
					return false;
				}
			}
			return true;
		}
		int first = b[0] & 0xff;
		int second = b[1] & 0xff;
		// 0.0.0.0/8, 100.64.0.0/10 (carrier-grade NAT), 198.18.0.0/15 (benchmarking)
		return first != 0 && !(first == 100 && second >= 64 && second < 128)
				&& !(first == 198 && (second & 0xfe) == 18);
	}

}
