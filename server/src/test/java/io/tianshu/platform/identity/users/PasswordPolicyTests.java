package io.tianshu.platform.identity.users;

import java.util.List;

import io.tianshu.platform.FieldViolation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTests {

	private static final PasswordPolicy policy = PasswordPolicy.standard();

	@Test
	void shipsAFewThousandCommonPasswords() {
		assertThat(policy.size()).isGreaterThan(3000);
		assertThat(policy.isCommon("password")).isTrue();
		assertThat(policy.isCommon("QWERTY")).isTrue();
		assertThat(policy.isCommon("123456")).isTrue();
		assertThat(policy.isCommon("Password2024!")).isTrue();
		assertThat(policy.isCommon("1qaz2wsx3edc")).isTrue();
		assertThat(policy.isCommon("woaini5201314")).isTrue();
	}

	@Test
	void acceptsALongUncommonPassword() {
		assertThat(policy.check("password", "alice", "Violet-Gazebo-Tundra-81")).isEmpty();
	}

	@Test
	void refusesShortPasswords() {
		assertThat(codes(policy.check("password", "alice", "Sh0rt-pass!"))).containsExactly("password.too-short");
		assertThat(codes(policy.check("password", "alice", null))).containsExactly("password.too-short");
		// twelve characters are enough
		assertThat(policy.check("password", "alice", "Tundra-Gz81!")).isEmpty();
	}

	@Test
	void refusesPasswordsContainingTheUserNameIgnoringCase() {
		assertThat(codes(policy.check("newPassword", "Alice", "my-ALICE-is-long-enough")))
			.containsExactly("password.contains-username");
	}

	@Test
	void refusesCommonPasswordsIgnoringCase() {
		assertThat(codes(policy.check("password", "bob", "QWERTYUIOP123"))).containsExactly("password.too-common");
		assertThat(codes(policy.check("password", "bob", "Password@2025"))).containsExactly("password.too-common");
	}

	@Test
	void namesTheFieldItChecks() {
		List<FieldViolation> violations = policy.check("newPassword", "bob", "short");
		assertThat(violations).extracting(FieldViolation::field).containsExactly("newPassword");
	}

	private static List<String> codes(List<FieldViolation> violations) {
		return violations.stream().map(FieldViolation::code).toList();
	}

}
