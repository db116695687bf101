package io.tianshu.platform.identity.web;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.tianshu.platform.AuditChainStatus;
import io.tianshu.platform.AuditVerification;
import io.tianshu.platform.PlatformPermissions;
import io.tianshu.platform.RequiresPermission;
import io.tianshu.platform.TianshuProperties;
import io.tianshu.platform.identity.IdentityProperties;
import io.tianshu.platform.identity.tokens.ApiTokens;
import io.tianshu.platform.identity.users.Users;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What any signed-in user may know about the running Tianshu, and the security posture
 * for those who watch it.
 */
@RestController
class SystemController {

	private final DataSource dataSource;

	private final TianshuProperties properties;

	private final IdentityProperties identity;

	private final ObjectProvider<BuildProperties> build;

	private final Users users;

	private final ApiTokens tokens;

	private final AuditVerification auditVerification;

	private final Clock clock;

	private volatile Instant startedAt;

	SystemController(DataSource dataSource, TianshuProperties properties, IdentityProperties identity,
			ObjectProvider<BuildProperties> build, Users users, ApiTokens tokens, AuditVerification auditVerification,
			Clock clock) {
		this.dataSource = dataSource;
		this.properties = properties;
		this.identity = identity;
		this.build = build;
		this.users = users;
		this.tokens = tokens;
		this.auditVerification = auditVerification;
		this.clock = clock;
		this.startedAt = clock.instant();
	}

	@EventListener
	void started(ApplicationStartedEvent event) {
		this.startedAt = this.clock.instant();
	}

	/** Any signed-in user. */
	@GetMapping("/api/v1/system/info")
	SystemInfo info() {
		BuildProperties buildProperties = this.build.getIfAvailable();
		String version = (buildProperties != null) ? buildProperties.getVersion() : "development";
		Instant now = this.clock.instant();
		return new SystemInfo(version, this.startedAt, Duration.between(this.startedAt, now).toSeconds(), database());
	}

	@GetMapping("/api/v1/security/posture")
	@RequiresPermission(PlatformPermissions.SECURITY_POSTURE_READ)
	Posture posture() {
		List<UserRef> withoutTotp = this.users.withoutTotp()
			.stream()
			.map((u) -> new UserRef(u.id(), u.username()))
			.toList();
		return new Posture(withoutTotp, this.tokens.expiringWithin(this.identity.tokensExpiringSoon()),
				this.users.lockedCount(), this.auditVerification.verifyChain());
	}

	private DatabaseInfo database() {
		boolean embedded = !this.properties.db().external();
		try (Connection connection = this.dataSource.getConnection()) {
			DatabaseMetaData meta = connection.getMetaData();
			String status = connection.isValid(2) ? "UP" : "DOWN";
			return new DatabaseInfo(status, meta.getDatabaseProductName(), meta.getDatabaseProductVersion(), embedded);
		}
		catch (Exception ex) {
			return new DatabaseInfo("DOWN", null, null, embedded);
		}
	}

	record SystemInfo(String version, Instant startedAt, long uptimeSeconds, DatabaseInfo database) {
	}

	record DatabaseInfo(String status, String product, String version, boolean embedded) {
	}

	record UserRef(UUID id, String username) {
	}

	record Posture(List<UserRef> usersWithoutTotp, List<ApiTokens.ExpiringToken> tokensExpiringSoon, long lockedUsers,
			AuditChainStatus auditChain) {
	}

}
