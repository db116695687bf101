package io.tianshu.cmdb;

import java.util.List;

import io.tianshu.platform.PermissionDefinition;

/**
 * The CMDB's permissions ({@code cmdb.<thing>.<verb>}); roles and tokens store these
 * strings.
 */
public final class CmdbPermissions {

	public static final String MODEL_READ = "cmdb.model.read";

	public static final String MODEL_WRITE = "cmdb.model.write";

	public static final String CI_READ = "cmdb.ci.read";

	public static final String CI_WRITE = "cmdb.ci.write";

	public static final String RELATION_WRITE = "cmdb.relation.write";

	/** Manage outbound webhook subscriptions for CMDB changes. */
	public static final String WEBHOOK_MANAGE = "cmdb.webhook.manage";

	private CmdbPermissions() {
	}

	/** Every CMDB permission with its description in Chinese and English. */
	public static List<PermissionDefinition> all() {
		return List.of(new PermissionDefinition(MODEL_READ, "查看资源模型", "View CMDB models"),
				new PermissionDefinition(MODEL_WRITE, "管理资源模型", "Manage CMDB models and relation types"),
				new PermissionDefinition(CI_READ, "查看配置项", "View configuration items, relations and topology"),
				new PermissionDefinition(CI_WRITE, "管理配置项", "Create, change and retire configuration items"),
				new PermissionDefinition(RELATION_WRITE, "管理配置项关系", "Create and delete relations between CIs"),
				new PermissionDefinition(WEBHOOK_MANAGE, "管理配置变更订阅", "Manage webhook subscriptions to CMDB changes"));
	}

}
