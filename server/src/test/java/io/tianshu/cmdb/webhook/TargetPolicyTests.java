package io.tianshu.cmdb.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tianshu.platform.FieldViolation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TargetPolicyTests {

	@Test
	void nonPublicAddressesAreRecognised() throws Exception {
		for (String address : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
				"0.0.0.0", "100.64.0.1", "::1", "fd00::1", "fe80::1", "::ffff:10.0.0.1")) {
			assertThat(TargetPolicy.isPublic(InetAddress.getByName(address))).as(address).isFalse();
		}
		for (String address : List.of("8.8.8.8", "114.114.114.114", "2400:3200::1", "172.32.0.1")) {
			assertThat(TargetPolicy.isPublic(InetAddress.getByName(address))).as(address).isTrue();
		}
	}

	@Test
	void privateTargetsAreRefusedOnlyWhenNotAllowed() {
		URI loopback = URI.create("http://127.0.0.1:8080/hook");
		assertThat(TargetPolicy.refusal(loopback, true)).isNull();
		assertThat(TargetPolicy.refusal(loopback, false)).contains("non-public address 127.0.0.1");
		assertThat(TargetPolicy.refusal(URI.create("http://169.254.169.254/latest/meta-data"), false))
			.contains("allow-private-targets");
	}

	@Test
	void urlsAreChecked() {
		List<FieldViolation> violations = new ArrayList<>();
		assertThat(TargetPolicy.parse(" https://itsm.example.com/hooks/cmdb?x=1 ", "url", violations))
			.hasToString("https://itsm.example.com/hooks/cmdb?x=1");
		assertThat(violations).isEmpty();
		assertThat(TargetPolicy.parse("https://itsm.example.com/#frag", "url", violations)).isNull();
		assertThat(TargetPolicy.parse("javascript:alert(1)", "url", violations)).isNull();
		assertThat(TargetPolicy.parse("http://x/" + "a".repeat(2000), "url", violations)).isNull();
		assertThat(violations).extracting(FieldViolation::code)
			.containsExactly("cmdb.webhook.url-invalid", "cmdb.webhook.url-scheme", "cmdb.webhook.url-invalid");
	}

	@Test
	void retryDelaysFollowTheScheduleWithJitter() {
		WebhookProperties properties = new WebhookProperties(true,
				List.of(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10)), 6,
				Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5), 20, Duration.ofSeconds(60));
		for (int i = 0; i < 50; i++) {
			assertThat(properties.delayAfter(1)).isBetween(Duration.ofSeconds(24), Duration.ofSeconds(36));
			assertThat(properties.delayAfter(2)).isBetween(Duration.ofSeconds(96), Duration.ofSeconds(144));
			// past the schedule the last wait repeats
			assertThat(properties.delayAfter(5)).isBetween(Duration.ofMinutes(8), Duration.ofMinutes(12));
		}
	}

	@Test
	void theSignatureIsTheHmacOfTimestampDotBody() {
		// computed independently: echo -n '1700000000.{}' | openssl dgst -sha256 -hmac
		// key
		assertThat(WebhookSigner.signature("key", 1700000000L, "{}"))
			.isEqualTo("sha256=9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae");
		assertThat(WebhookSigner.newSecret()).startsWith("whsec_").hasSize(6 + 43);
	}

}
