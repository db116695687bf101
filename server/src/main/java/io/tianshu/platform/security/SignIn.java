package io.tianshu.platform.security;

import java.io.Serializable;
import java.util.UUID;

/**
 * What the HTTP session remembers of a sign-in: who, and how far it has got. Permissions
 * are not kept here; they are read at every request.
 */
public record SignIn(UUID userId, String username, Stage stage) implements Serializable {

	public SignIn next(Stage stage) {
		return new SignIn(this.userId, this.username, stage);
	}

}
