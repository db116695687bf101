package io.tianshu.platform.security;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.tianshu.TianshuIntegrationTest;
import io.tianshu.platform.Actor;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.PermissionScope;
import io.tianshu.platform.PlatformPermissions;
import io.tianshu.platform.TianshuProperties;
import io.tianshu.platform.identity.Browser;
import io.tianshu.platform.identity.IdentityFixtures;
import io.tianshu.platform.identity.tokens.ApiTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Authorization#scopes} for real users with scoped role assignments, and for their
 * API tokens.
 */
@TianshuIntegrationTest
class AuthorizationScopesIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	TianshuProperties properties;

	@Autowired
	Authorization authorization;

	@Autowired
	ApiTokens tokens;

	@Autowired
	io.tianshu.platform.identity.roles.Roles roles;

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
	}

	private void actAs(UUID userId, String name) {
		SecurityContextHolder.getContext()
			.setAuthentication(new ActorAuthentication(Actor.user(userId, name), Stage.COMPLETE,
					this.roles.permissionsOf(userId)));
	}

	@Test
	void scopedAssignmentsGiveTheirAreasAndAnUnscopedOneGivesEverywhere() {
		IdentityFixtures fixtures = new IdentityFixtures(this.mvc, this.json, this.properties);
		Browser admin = fixtures.admin();
		String username = IdentityFixtures.randomName("scoped");
		UUID user = fixtures.createUser(admin, username);
		UUID viewer = fixtures.roleId(admin, "viewer");
		UUID operator = fixtures.roleId(admin, "operator");
		admin
			.post("/api/v1/role-assignments",
					Map.of("userId", user, "roleId", viewer, "scope", Map.of("businessSystem", "集中交易")))
			.expect(201);
		admin
			.post("/api/v1/role-assignments", Map.of("userId", user, "roleId", operator, "scope",
					Map.of("businessSystem", "融资融券", "environment", "prod")))
			.expect(201);

		actAs(user, username);
		PermissionScope read = this.authorization.scopes(PlatformPermissions.USER_READ);
		assertThat(read.everywhere()).isFalse();
		assertThat(read.areas()).containsExactlyInAnyOrder(new PermissionScope.Area("集中交易", null),
				new PermissionScope.Area("融资融券", "prod"));
		// only the operator role grants a write permission
		String write = PlatformPermissions.CALENDAR_WRITE;
		assertThat(this.authorization.scopes(write).areas()).containsExactly(new PermissionScope.Area("融资融券", "prod"));
		assertThat(this.authorization.scopes(PlatformPermissions.ROLE_WRITE)).isEqualTo(PermissionScope.NOWHERE);

		admin.post("/api/v1/role-assignments", Map.of("userId", user, "roleId", viewer)).expect(201);
		actAs(user, username);
		assertThat(this.authorization.scopes(PlatformPermissions.USER_READ)).isEqualTo(PermissionScope.EVERYWHERE);
		assertThat(this.authorization.scopes(write).everywhere()).isFalse();
	}

	@Test
	void aTokenActsWithinItsOwnersScopesForThePermissionsItCarries() {
		IdentityFixtures fixtures = new IdentityFixtures(this.mvc, this.json, this.properties);
		Browser admin = fixtures.admin();
		String username = IdentityFixtures.randomName("scoped-token");
		UUID user = fixtures.createUser(admin, username);
		admin
			.post("/api/v1/role-assignments", Map.of("userId", user, "roleId", fixtures.roleId(admin, "operator"),
					"scope", Map.of("environment", "uat")))
			.expect(201);
		actAs(user, username);
		String token = this.tokens
			.create("scoped", List.of(PlatformPermissions.USER_READ), Instant.now().plus(1, ChronoUnit.DAYS))
			.token();
		var caller = this.tokens.authenticate(token).orElseThrow();
		SecurityContextHolder.getContext()
			.setAuthentication(new ActorAuthentication(caller.actor(), Stage.COMPLETE, caller.permissions()));
		assertThat(this.authorization.scopes(PlatformPermissions.USER_READ).areas())
			.containsExactly(new PermissionScope.Area(null, "uat"));
		// the owner holds it, the token does not carry it
		assertThat(this.authorization.scopes(PlatformPermissions.CALENDAR_WRITE)).isEqualTo(PermissionScope.NOWHERE);
	}

	@Test
	void theSystemAndCallersOutsideIdentityAreUnrestricted() {
		assertThat(this.authorization.runAsSystem(() -> this.authorization.scopes(PlatformPermissions.ROLE_WRITE)))
			.isEqualTo(PermissionScope.EVERYWHERE);
		SecurityContextHolder.getContext()
			.setAuthentication(new ActorAuthentication(Actor.user(null, "external"), Stage.COMPLETE,
					Set.of(PlatformPermissions.USER_READ)));
		assertThat(this.authorization.scopes(PlatformPermissions.USER_READ)).isEqualTo(PermissionScope.EVERYWHERE);
		assertThat(this.authorization.scopes(PlatformPermissions.ROLE_WRITE)).isEqualTo(PermissionScope.NOWHERE);
	}

}
