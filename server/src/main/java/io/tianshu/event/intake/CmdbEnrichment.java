package io.tianshu.event.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tianshu.cmdb.CiChanged;
import io.tianshu.cmdb.CiSearch;
import io.tianshu.cmdb.CisImported;
import io.tianshu.cmdb.ConfigurationItem;
import io.tianshu.cmdb.ConfigurationItems;
import io.tianshu.cmdb.Topology;
import io.tianshu.cmdb.TopologyGraph;
import io.tianshu.event.rules.EnrichmentRule;
import io.tianshu.event.rules.RuleStore;
import io.tianshu.platform.Authorization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds the CI, business system and owner team of a new alert through the CMDB's
 * identification: the enrichment rules name a label whose value is looked up as a CI
 * attribute ({@link ConfigurationItems#search}); the business system is the nearest
 * {@code business_system} upstream of the CI ({@link Topology#impact}); the owner team is
 * the CI's. Look-ups are cached (hits and misses) for a minute and run in a transaction
 * of their own, so a CMDB failure never fails an intake batch: the alert is then simply
 * not enriched.
 * <p>
 * Before a look-up, the value is checked against the set of values the rule's attribute
 * has in the CMDB ({@link ConfigurationItems#attributeValues}, one query, refreshed at
 * most once a second after a CMDB change and at least every minute): a label value no CI
 * carries — most alerts of an unknown estate, and every first sight of 10,000 distinct
 * instances in a burst — costs a hash probe on the intake's writer instead of a CMDB
 * search. Until the values are read again after a CMDB change, a value they lack is
 * looked up as before, so a CI created a moment ago is matched at once.
 */
@Component
class CmdbEnrichment {

	private static final Logger log = LoggerFactory.getLogger(CmdbEnrichment.class);

	static final Result NONE = new Result(null, null, null, null);

	private static final Duration TTL = Duration.ofMinutes(1);

	private static final int MAX_ENTRIES = 50_000;

	private final ConfigurationItems items;

	private final Topology topology;

	private final RuleStore rules;

	private final Authorization authorization;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

	private static final Duration KNOWN_MAX_AGE = Duration.ofMinutes(1);

	private static final Duration KNOWN_MIN_AGE = Duration.ofSeconds(1);

	/** Per model/attribute: the values CIs carry, and when they were read. */
	private final Map<String, Known> known = new ConcurrentHashMap<>();

	/** When the CMDB last reported a change (CIs created, changed, imported). */
	private volatile Instant cmdbChangedAt = Instant.EPOCH;

	CmdbEnrichment(ConfigurationItems items, Topology topology, RuleStore rules, Authorization authorization,
			PlatformTransactionManager transactions, Clock clock) {
		this.items = items;
		this.topology = topology;
		this.rules = rules;
		this.authorization = authorization;
		this.tx = new TransactionTemplate(transactions);
		this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.tx.setReadOnly(true);
		this.clock = clock;
	}

	record Result(UUID ciId, UUID businessSystemId, UUID ownerTeamId, String rule) {
	}

	Result enrich(Map<String, String> labels, String resource) {
		for (EnrichmentRule rule : this.rules.enrichmentRules()) {
			String value = "__resource__".equals(rule.label()) ? resource : labels.get(rule.label());
			if (value == null || value.isBlank()) {
				continue;
			}
			if (rule.pattern() != null) {
				Matcher m = this.patterns.computeIfAbsent(rule.pattern(), Pattern::compile).matcher(value);
				if (!m.matches()) {
					continue;
				}
				value = (m.groupCount() > 0 && m.group(1) != null) ? m.group(1) : m.group();
			}
			if (!mayExist(rule, value)) {
				continue;
			}
			Result found = lookup(rule, value);
			if (found.ciId() != null) {
				return found;
			}
		}
		return NONE;
	}

	/** Forgets cached look-ups (tests, CMDB changes). */
	void clear() {
		this.cache.clear();
		this.known.clear();
	}

	@EventListener
	void onCiChanged(CiChanged event) {
		this.cmdbChangedAt = this.clock.instant();
	}

	@EventListener
	void onCisImported(CisImported event) {
		this.cmdbChangedAt = this.clock.instant();
	}

	/**
	 * Whether some live CI carries this value in the rule's attribute; {@code true} when
	 * the values cannot be read (then the look-up decides).
	 */
	private boolean mayExist(EnrichmentRule rule, String value) {
		String key = rule.ciModel() + "\u0000" + rule.attribute();
		Instant now = this.clock.instant();
		Known current = this.known.get(key);
		boolean stale = current == null || current.readAt().plus(KNOWN_MAX_AGE).isBefore(now)
				|| (!this.cmdbChangedAt.isBefore(current.readAt().minus(KNOWN_MIN_AGE))
						&& current.readAt().plus(KNOWN_MIN_AGE).isBefore(now));
		if (stale) {
			try {
				Set<String> values = this.authorization.runAsSystem(() -> this.tx
					.execute((status) -> this.items.attributeValues(rule.ciModel(), rule.attribute())));
				current = new Known(values, now);
				this.known.put(key, current);
			}
			catch (RuntimeException ex) {
				log.debug("Values of {} could not be read: {}", rule.attribute(), ex.getMessage());
				return true;
			}
		}
		// after a CMDB change not yet in the values read, a value they lack may be new:
		// ask
		return current.values().contains(value) || !this.cmdbChangedAt.isBefore(current.readAt().minus(KNOWN_MIN_AGE));
	}

	private record Known(Set<String> values, Instant readAt) {
	}

	private Result lookup(EnrichmentRule rule, String value) {
		String key = rule.id() + "\u0000" + value;
		Instant now = this.clock.instant();
		Cached cached = this.cache.get(key);
		if (cached != null && cached.until().isAfter(now)) {
			return cached.result();
		}
		Result result;
		try {
			result = this.authorization.runAsSystem(() -> this.tx.execute((status) -> find(rule, value).orElse(NONE)));
		}
		catch (RuntimeException ex) {
			log.debug("Enrichment rule {} failed for {}: {}", rule.name(), value, ex.getMessage());
			result = NONE;
		}
		if (this.cache.size() > MAX_ENTRIES) {
			this.cache.clear();
		}
		this.cache.put(key, new Cached(result, now.plus(TTL)));
		return result;
	}

	private Optional<Result> find(EnrichmentRule rule, String value) {
		var page = this.items
			.search(new CiSearch(rule.ciModel(), null, null, Map.of(rule.attribute(), value), null, null, 2));
		if (page.items().size() != 1) {
			return Optional.empty();
		}
		ConfigurationItem ci = page.items().get(0);
		UUID businessSystem = null;
		if ("business_system".equals(ci.model())) {
			businessSystem = ci.id().value();
		}
		else {
			TopologyGraph graph = this.topology.impact(ci.id(), Topology.Direction.UPSTREAM, 6, Set.of());
			businessSystem = graph.nodes()
				.stream()
				.filter((n) -> "business_system".equals(n.model()))
				.min(Comparator.comparingInt(TopologyGraph.Node::depth))
				.map((n) -> n.id().value())
				.orElse(null);
		}
		return Optional.of(new Result(ci.id().value(), businessSystem, ci.ownerTeamId(), rule.name()));
	}

	private record Cached(Result result, Instant until) {
	}

}
