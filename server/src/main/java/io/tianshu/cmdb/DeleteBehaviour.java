package io.tianshu.cmdb;

/**
 * What retiring the <em>source</em> CI of a relation does (删除策略). Retiring the target of
 * a relation always removes the relation: the source stays and can be re-related.
 */
public enum DeleteBehaviour {

	/**
	 * The target is retired too: it lives and dies with its source, such as the operating
	 * system of a host or the services of an application.
	 */
	CASCADE,
	/**
	 * The source cannot be retired while such a relation exists (a rack with hosts in
	 * it).
	 */
	BLOCK,
	/** The relation is removed, the target stays. */
	DETACH

}
