package io.tianshu.platform.identity.roles;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import io.tianshu.platform.PlatformPermissions;

/**
 * The built-in roles. Their permissions are derived from every permission Tianshu knows
 * at start-up (so a new module's permissions land in the right roles without a
 * migration), and rewritten at every start; they cannot be deleted.
 * <ul>
 * <li>{@code administrator} (系统管理员): every permission.</li>
 * <li>{@code operator} (运维操作员): everything except administering people and access
 * ({@code platform.user.write}, {@code platform.role.write}), the audit trail
 * ({@code platform.audit.*}), the security posture, guard policies
 * ({@code platform.guard.write}), master-key rotation and approving
 * ({@code *.approve}).</li>
 * <li>{@code approver} (审批人): read-only plus every {@code *.approve} permission.</li>
 * <li>{@code auditor} (审计员): read-only plus reading and exporting the audit trail and the
 * security posture. Mutually exclusive with operator and administrator.</li>
 * <li>{@code viewer} (只读用户): every {@code *.read} permission except the audit trail and
 * the security posture.</li>
 * </ul>
 */
enum BuiltInRole {

	ADMINISTRATOR("administrator", "系统管理员 Administrator: every permission") {
		@Override
		Predicate<String> grants() {
			return (p) -> true;
		}
	},
	OPERATOR("operator", "运维操作员 Operator: day-to-day operations, no access administration or audit") {
		@Override
		Predicate<String> grants() {
			return (p) -> !OPERATOR_EXCLUDED.contains(p) && !p.startsWith("platform.audit.") && !p.endsWith(".approve");
		}
	},
	APPROVER("approver", "审批人 Approver: read-only plus approvals") {
		@Override
		Predicate<String> grants() {
			return (p) -> viewer(p) || p.endsWith(".approve");
		}
	},
	AUDITOR("auditor", "审计员 Auditor: read-only plus the audit trail and the security posture") {
		@Override
		Predicate<String> grants() {
			return (p) -> viewer(p) || AUDITOR_EXTRA.contains(p);
		}
	},
	VIEWER("viewer", "只读用户 Viewer: read-only") {
		@Override
		Predicate<String> grants() {
			return BuiltInRole::viewer;
		}
	};

	private static final Set<String> OPERATOR_EXCLUDED = Set.of(PlatformPermissions.USER_WRITE,
			PlatformPermissions.ROLE_WRITE, PlatformPermissions.SECURITY_POSTURE_READ, PlatformPermissions.GUARD_WRITE,
			PlatformPermissions.SECRET_ROTATE);

	private static final Set<String> AUDITOR_EXTRA = Set.of(PlatformPermissions.AUDIT_READ,
			PlatformPermissions.AUDIT_EXPORT, PlatformPermissions.SECURITY_POSTURE_READ);

	private final String roleName;

	private final String description;

	BuiltInRole(String roleName, String description) {
		this.roleName = roleName;
		this.description = description;
	}

	String roleName() {
		return this.roleName;
	}

	String description() {
		return this.description;
	}

	abstract Predicate<String> grants();

	List<String> permissionsFrom(Collection<String> all) {
		return all.stream().filter(grants()).sorted().toList();
	}

	private static boolean viewer(String permission) {
		return permission.endsWith(".read") && !permission.startsWith("platform.audit.")
				&& !permission.equals(PlatformPermissions.SECURITY_POSTURE_READ);
	}

}
