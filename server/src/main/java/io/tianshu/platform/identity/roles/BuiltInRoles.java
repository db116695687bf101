package io.tianshu.platform.identity.roles;

import io.tianshu.platform.Authorization;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates or updates the built-in roles at every start, before the first administrator
 * and demo data need them.
 */
@Component
@Order(-20)
class BuiltInRoles implements ApplicationRunner {

	private final Roles roles;

	private final Authorization authorization;

	BuiltInRoles(Roles roles, Authorization authorization) {
		this.roles = roles;
		this.authorization = authorization;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.authorization.runAsSystem(this.roles::synchroniseBuiltIns);
	}

}
