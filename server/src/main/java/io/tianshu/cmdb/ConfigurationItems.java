package io.tianshu.cmdb;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.tianshu.platform.CursorPage;

/**
 * Configuration items (资源数据管理). Reads need {@link CmdbPermissions#CI_READ}, changes
 * {@link CmdbPermissions#CI_WRITE}. Every change is validated against the model (422 with
 * one field error per bad attribute), checked for duplicate unique values and identities
 * (409), audited, appended to the CI's history and published as {@link CiChanged} in the
 * same transaction.
 */
public interface ConfigurationItems {

	ConfigurationItem create(CiDraft draft, ChangeSource source);

	ConfigurationItem get(CiId id);

	/**
	 * The CI as it was at the instant, rebuilt from its history; 404 before it existed.
	 */
	ConfigurationItem asOf(CiId id, Instant at);

	ConfigurationItem update(CiId id, CiDraft draft, ChangeSource source);

	/**
	 * Moves the CI along its lifecycle; moving to {@link LifecycleState#RETIRED} is
	 * {@link #retire}.
	 */
	ConfigurationItem changeState(CiId id, LifecycleState state, ChangeSource source);

	/**
	 * Retires the CI, applying the {@link DeleteBehaviour} of each relation it is the
	 * source of (refused with 409 when one blocks, cascaded targets retired too) and
	 * removing every relation it is part of.
	 */
	ConfigurationItem retire(CiId id, ChangeSource source);

	/** Oldest first. */
	List<CiHistoryEntry> history(CiId id);

	CursorPage<ConfigurationItem> search(CiSearch search);

	/**
	 * The distinct values (as text) one attribute has over the live CIs of a model, or of
	 * all models when {@code model} is {@code null}: for callers that match incoming data
	 * (alert labels, discovery results) against CMDB identities in memory before asking
	 * for the CI itself. One query. Needs {@link CmdbPermissions#CI_READ} without a scope
	 * limit (403 {@code cmdb.scope.denied} otherwise), since values of CIs outside a
	 * scope would leak.
	 */
	Set<String> attributeValues(String model, String attribute);

}
