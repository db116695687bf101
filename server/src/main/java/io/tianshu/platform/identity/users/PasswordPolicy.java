package io.tianshu.platform.identity.users;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.tianshu.platform.FieldViolation;

/**
 * The password policy (密码策略): at least {@value #MIN_LENGTH} characters, not containing
 * the user name (ignoring case), not in the list of common passwords (ignoring case), and
 * different from the current password (that last rule is checked by {@link Users}, which
 * holds the hash).
 */
public final class PasswordPolicy {

	public static final int MIN_LENGTH = 12;

	private static final String COMMON_PASSWORDS = "common-passwords.txt";

	private final Set<String> common;

	PasswordPolicy(Set<String> common) {
		this.common = Set.copyOf(common);
	}

	/** The policy with the shipped list of common passwords. */
	public static PasswordPolicy standard() {
		return new PasswordPolicy(load());
	}

	/**
	 * The rules the password breaks, as violations of {@code field}; empty when it is
	 * acceptable.
	 */
	public List<FieldViolation> check(String field, String username, String password) {
		List<FieldViolation> violations = new ArrayList<>();
		if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
			violations.add(new FieldViolation(field, "password.too-short",
					"The password must have at least " + MIN_LENGTH + " characters"));
			return violations;
		}
		String lower = password.toLowerCase(Locale.ROOT);
		if (username != null && !username.isBlank() && lower.contains(username.toLowerCase(Locale.ROOT))) {
			violations.add(new FieldViolation(field, "password.contains-username",
					"The password must not contain the user name"));
		}
		if (this.common.contains(lower)) {
			violations.add(new FieldViolation(field, "password.too-common", "The password is too common"));
		}
		return violations;
	}

	boolean isCommon(String password) {
		return this.common.contains(password.toLowerCase(Locale.ROOT));
	}

	int size() {
		return this.common.size();
	}

	private static Set<String> load() {
		Set<String> words = new HashSet<>();
		try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_PASSWORDS)) {
			if (in == null) {
				throw new IllegalStateException("Missing resource " + COMMON_PASSWORDS);
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			String line;
			while ((line = reader.readLine()) != null) {
				String word = line.strip();
				if (!word.isEmpty() && !word.startsWith("#")) {
					words.add(word.toLowerCase(Locale.ROOT));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return words;
	}

}
