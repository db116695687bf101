package io.tianshu.platform;

import java.util.List;

/**
 * The platform's permissions. Permission strings are stable:
 * {@code <module>.<thing>.<verb>}; roles and tokens store them.
 */
public final class PlatformPermissions {

	public static final String USER_READ = "platform.user.read";

	public static final String USER_WRITE = "platform.user.write";

	public static final String ORG_READ = "platform.org.read";

	public static final String ORG_WRITE = "platform.org.write";

	public static final String ROLE_READ = "platform.role.read";

	public static final String ROLE_WRITE = "platform.role.write";

	public static final String AUDIT_READ = "platform.audit.read";

	public static final String AUDIT_EXPORT = "platform.audit.export";

	public static final String AUDIT_ADMIN = "platform.audit.admin";

	public static final String CALENDAR_READ = "platform.calendar.read";

	public static final String CALENDAR_WRITE = "platform.calendar.write";

	public static final String GUARD_READ = "platform.guard.read";

	public static final String GUARD_WRITE = "platform.guard.write";

	public static final String GUARD_EVALUATE = "platform.guard.evaluate";

	public static final String SECRET_READ = "platform.secret.read";

	public static final String SECRET_WRITE = "platform.secret.write";

	public static final String SECRET_ROTATE = "platform.secret.rotate";

	public static final String METRICS_READ = "platform.metrics.read";

	public static final String SYSTEM_READ = "platform.system.read";

	public static final String SECURITY_POSTURE_READ = "platform.security.read";

	private PlatformPermissions() {
	}

	/** Every platform permission with its description in Chinese and English. */
	public static List<PermissionDefinition> all() {
		return List.of(new PermissionDefinition(USER_READ, "查看用户", "View users"),
				new PermissionDefinition(USER_WRITE, "管理用户", "Manage users"),
				new PermissionDefinition(ORG_READ, "查看部门与团队", "View departments and teams"),
				new PermissionDefinition(ORG_WRITE, "管理部门与团队", "Manage departments and teams"),
				new PermissionDefinition(ROLE_READ, "查看角色与授权", "View roles and assignments"),
				new PermissionDefinition(ROLE_WRITE, "管理角色与授权", "Manage roles and assignments"),
				new PermissionDefinition(AUDIT_READ, "查看审计日志", "View the audit trail"),
				new PermissionDefinition(AUDIT_EXPORT, "导出审计日志", "Export the audit trail"),
				new PermissionDefinition(AUDIT_ADMIN, "管理审计转发与保留", "Manage audit forwarding and retention"),
				new PermissionDefinition(CALENDAR_READ, "查看日历", "View calendars"),
				new PermissionDefinition(CALENDAR_WRITE, "管理日历", "Manage calendars"),
				new PermissionDefinition(GUARD_READ, "查看操作防护策略", "View operation-guard policies"),
				new PermissionDefinition(GUARD_WRITE, "管理操作防护策略", "Manage operation-guard policies"),
				new PermissionDefinition(GUARD_EVALUATE, "评估操作防护", "Evaluate the operation guard"),
				new PermissionDefinition(SECRET_READ, "查看凭据元数据", "View secret metadata"),
				new PermissionDefinition(SECRET_WRITE, "管理凭据", "Manage secrets"),
				new PermissionDefinition(SECRET_ROTATE, "轮换主密钥", "Rotate the master key"),
				new PermissionDefinition(METRICS_READ, "读取运行指标", "Read Tianshu's own metrics"),
				new PermissionDefinition(SYSTEM_READ, "查看系统信息", "View system information"),
				new PermissionDefinition(SECURITY_POSTURE_READ, "查看安全态势", "View the security posture"));
	}

}
