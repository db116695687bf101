package io.tianshu.cmdb;

/**
 * Where a CI or relation change came from, kept in its history.
 */
public enum ChangeSource {

	/** The web console (控制台). */
	CONSOLE,
	/** The REST API with a token or script. */
	API,
	/** A bulk import (导入). */
	IMPORT,
	/** Automatic discovery (自动发现). */
	DISCOVERY,
	/** A change ticket (工单). */
	TICKET,
	/**
	 * A model change (模型变更) that migrated the CI: a default filled in, a removed
	 * attribute dropped, a value converted to the attribute's new type.
	 */
	MODEL

}
