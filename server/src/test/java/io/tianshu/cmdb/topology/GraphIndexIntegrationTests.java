package io.tianshu.cmdb.topology;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import io.tianshu.TianshuIntegrationTest;
import io.tianshu.cmdb.BusinessView;
import io.tianshu.cmdb.ChangeSource;
import io.tianshu.cmdb.CiDraft;
import io.tianshu.cmdb.CiId;
import io.tianshu.cmdb.CiRelations;
import io.tianshu.cmdb.CmdbPermissions;
import io.tianshu.cmdb.ConfigurationItems;
import io.tianshu.cmdb.LifecycleState;
import io.tianshu.cmdb.Relation;
import io.tianshu.cmdb.Topology;
import io.tianshu.cmdb.Topology.Direction;
import io.tianshu.cmdb.TopologyGraph;
import io.tianshu.platform.Authorization;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The in-memory graph answers as the SQL queries do, and stays current after every kind
 * of change: relations created and deleted, CIs renamed and retired, imports, rows
 * written behind the events, and transactions that commit out of order or roll back.
 */
@TianshuIntegrationTest
class GraphIndexIntegrationTests {

	@Autowired
	Topology topology;

	@Autowired
	SqlTopology sql;

	@Autowired
	ConfigurationItems items;

	@Autowired
	CiRelations relations;

	@Autowired
	Authorization authorization;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	MockMvc mvc;

	final String s = UUID.randomUUID().toString().substring(0, 8);

	@Test
	void answersAsTheSqlQueriesOnAGeneratedGraph() {
		Random random = new Random(42);
		List<CiId> systems = cis("business_system", 4);
		List<CiId> apps = cis("application", 24);
		List<CiId> services = cis("service", 30);
		List<CiId> dbs = cis("db_instance", 10);
		List<CiId> mws = cis("middleware_instance", 8);
		List<CiId> hosts = cis("host", 30);
		List<CiId> racks = cis("rack", 3);
		List<CiId> switches = cis("network_device", 4);
		List<Relation> made = new ArrayList<>();
		for (int i = 0; i < systems.size(); i++) {
			if (random.nextBoolean()) {
				made.add(relate("depends_on", systems.get(i), systems.get(random.nextInt(systems.size()))));
			}
		}
		for (CiId app : apps) {
			if (random.nextInt(5) > 0) {
				made.add(relate("contains", pick(systems, random), app));
			}
			for (int k = random.nextInt(3); k > 0; k--) {
				made.add(relate("depends_on", app, pick(apps, random)));
			}
			made.add(relate("depends_on", app, pick(random.nextBoolean() ? dbs : mws, random)));
			for (int k = 1 + random.nextInt(2); k > 0; k--) {
				made.add(relate("runs_on", app, pick(hosts, random)));
			}
		}
		for (CiId service : services) {
			made.add(relate("contains", pick(apps, random), service));
			if (random.nextBoolean()) {
				made.add(relate("depends_on", service, pick(services, random)));
			}
		}
		for (CiId instance : concat(dbs, mws)) {
			made.add(relate("runs_on", instance, pick(hosts, random)));
		}
		for (CiId host : hosts) {
			made.add(relate("contains", pick(racks, random), host));
			made.add(relate("connects_to", host, pick(switches, random)));
		}
		made.removeIf((r) -> r == null);
		// some history: relations removed, CIs retired (with their services) and renamed
		for (int i = 0; i < 10; i++) {
			Relation gone = made.remove(random.nextInt(made.size()));
			this.authorization.runAsSystem(() -> this.relations.delete(gone.id(), ChangeSource.API));
		}
		this.authorization.runAsSystem(() -> this.items.retire(apps.get(3), ChangeSource.API));
		this.authorization.runAsSystem(() -> this.items.retire(hosts.get(5), ChangeSource.API));
		this.authorization.runAsSystem(() -> this.items.update(dbs.get(0),
				new CiDraft(null, "改名-" + this.s, null, null, attributes("db_instance", 0)), ChangeSource.API));

		List<CiId> all = concat(systems, apps, services, dbs, mws, hosts, racks, switches);
		int compared = 0;
		for (CiId start : all) {
			for (Direction direction : Direction.values()) {
				for (int depth : new int[] { 1, 2, 4 }) {
					for (Set<String> types : List.of(Set.<String>of(), Set.of("runs_on", "depends_on"),
							Set.of("contains"))) {
						TopologyGraph memory = system(() -> this.topology.impact(start, direction, depth, types));
						TopologyGraph database = system(() -> this.sql.impact(start, direction, depth, types));
						assertThat(new HashSet<>(memory.nodes())).as("%s %s %d %s", start, direction, depth, types)
							.isEqualTo(new HashSet<>(database.nodes()));
						assertThat(new HashSet<>(memory.edges())).isEqualTo(new HashSet<>(database.edges()));
						assertThat(memory.nodes()).hasSameSizeAs(database.nodes());
						assertThat(memory.edges()).hasSameSizeAs(database.edges());
						assertThat(memory.nodes().get(0).id()).isEqualTo(start);
						compared++;
					}
				}
			}
		}
		assertThat(compared).isEqualTo(all.size() * 18);
		for (CiId system : systems) {
			BusinessView memory = system(() -> this.topology.businessView(system));
			BusinessView database = system(() -> this.sql.businessView(system));
			assertThat(memory.nodes()).isEqualTo(database.nodes());
			assertThat(new HashSet<>(memory.edges())).isEqualTo(new HashSet<>(database.edges()));
			assertThat(memory.edges()).hasSameSizeAs(database.edges());
		}
		for (int i = 0; i < 40; i++) {
			CiId from = pick(all, random);
			CiId to = pick(all, random);
			TopologyGraph memory = system(() -> this.topology.path(from, to, 6, Set.of()));
			TopologyGraph database = system(() -> this.sql.path(from, to, 6, Set.of()));
			// a shortest path: of the same length, not necessarily the same one
			assertThat(memory.nodes()).hasSameSizeAs(database.nodes());
			assertConnected(memory);
		}
	}

	@Test
	void relationsCreatedAndDeletedAreFollowedAtOnce() {
		CiId app = ci("application", 0);
		CiId host = ci("host", 0);
		assertThat(downstream(app)).containsExactly(app);
		Relation runsOn = relate("runs_on", app, host);
		assertThat(downstream(app)).containsExactly(app, host);
		assertThat(upstreamEdges(host)).containsExactly(runsOn.id().value());
		this.authorization.runAsSystem(() -> this.relations.delete(runsOn.id(), ChangeSource.API));
		assertThat(downstream(app)).containsExactly(app);
		assertThat(upstreamEdges(host)).isEmpty();
	}

	@Test
	void retiringACiDetachesItAndShowsItsState() {
		CiId system = ci("business_system", 0);
		CiId app = ci("application", 0);
		CiId service = ci("service", 0);
		relate("contains", system, app);
		relate("contains", app, service);
		assertThat(downstream(system)).containsExactly(system, app, service);
		this.authorization.runAsSystem(() -> this.items.retire(app, ChangeSource.API));
		assertThat(downstream(system)).containsExactly(system);
		TopologyGraph retired = system(() -> this.topology.impact(service, Direction.UPSTREAM, 2, Set.of()));
		assertThat(retired.nodes()).singleElement()
			.satisfies((n) -> assertThat(n.state()).isEqualTo(LifecycleState.RETIRED));
	}

	@Test
	void renamedCisShowTheirNewName() {
		CiId app = ci("application", 0);
		this.authorization.runAsSystem(() -> this.items.update(app,
				new CiDraft(null, "新名字-" + this.s, null, null, attributes("application", 0)), ChangeSource.API));
		assertThat(system(() -> this.topology.impact(app, Direction.DOWNSTREAM, 1, Set.of())).nodes().get(0).name())
			.isEqualTo("新名字-" + this.s);
	}

	@Test
	void importedCisAndRelationsAreFollowed() throws Exception {
		String hosts = "name,hostname,host_type\nimp-h1-%1$s,imp-h1-%1$s,physical\nimp-h2-%1$s,imp-h2-%1$s,virtual\n"
			.formatted(this.s);
		importFile("host", hosts);
		String apps = "name,app_code\nimp-app-%1$s,IMP_%2$s\n".formatted(this.s,
				this.s.toUpperCase(java.util.Locale.ROOT));
		importFile("application", apps);
		String links = """
				type,source_model,source,target_model,target
				runs_on,application,IMP_%2$s,host,imp-h1-%1$s
				runs_on,application,IMP_%2$s,host,imp-h2-%1$s
				""".formatted(this.s, this.s.toUpperCase(java.util.Locale.ROOT));
		importFile(null, links);
		UUID app = this.jdbc.sql("SELECT id FROM cmdb.ci WHERE name = ?")
			.param("imp-app-" + this.s)
			.query(UUID.class)
			.single();
		TopologyGraph graph = system(() -> this.topology.impact(new CiId(app), Direction.DOWNSTREAM, 1, Set.of()));
		assertThat(graph.nodes()).extracting(TopologyGraph.Node::name)
			.containsExactly("imp-app-" + this.s, "imp-h1-" + this.s, "imp-h2-" + this.s);
		assertThat(graph.edges()).extracting(TopologyGraph.Edge::type).containsExactly("runs_on", "runs_on");
	}

	@Test
	void changesWrittenBehindTheEventsAreSeenByTheNextQuery() {
		CiId app = ci("application", 0);
		CiId host = ci("host", 0);
		// as another server node or a script would: rows and history, no event here
		UUID relation = UUID.randomUUID();
		this.tx.executeWithoutResult((status) -> insertRelation(relation, app, host));
		assertThat(downstream(app)).containsExactly(app, host);
		this.tx.executeWithoutResult((status) -> deleteRelation(relation, app, host));
		assertThat(downstream(app)).containsExactly(app);
	}

	@Test
	void aTransactionCommittingAfterALaterOneIsNotMissed() throws Exception {
		CiId app = ci("application", 0);
		CiId early = ci("host", 0);
		CiId late = ci("host", 1);
		assertThat(downstream(app)).containsExactly(app);
		CountDownLatch written = new CountDownLatch(1);
		CountDownLatch commit = new CountDownLatch(1);
		UUID slow = UUID.randomUUID();
		// takes the lower history id, commits last
		CompletableFuture<Void> first = CompletableFuture.runAsync(() -> this.tx.executeWithoutResult((status) -> {
			insertRelation(slow, app, early);
			written.countDown();
			await(commit);
		}));
		assertThat(written.await(20, TimeUnit.SECONDS)).isTrue();
		UUID quick = UUID.randomUUID();
		this.tx.executeWithoutResult((status) -> insertRelation(quick, app, late));
		assertThat(downstream(app)).containsExactly(app, late);
		commit.countDown();
		first.get(20, TimeUnit.SECONDS);
		assertThat(downstream(app)).containsExactlyInAnyOrder(app, early, late);
	}

	@Test
	void uncommittedChangesNeverReachTheGraph() {
		CiId app = ci("application", 0);
		CiId host = ci("host", 0);
		this.authorization.runAsSystem(() -> this.tx.executeWithoutResult((status) -> {
			this.relations.create("runs_on", app, host, ChangeSource.API);
			// inside the writing transaction the answer comes from the database, with the
			// change
			assertThat(this.topology.impact(app, Direction.DOWNSTREAM, 1, Set.of()).nodes()).hasSize(2);
			status.setRollbackOnly();
		}));
		assertThat(downstream(app)).containsExactly(app);
		// and a rolled-back write leaves no trace either
		this.tx.executeWithoutResult((status) -> {
			insertRelation(UUID.randomUUID(), app, host);
			status.setRollbackOnly();
		});
		assertThat(downstream(app)).containsExactly(app);
	}

	@Test
	void unknownStartsAreNotFound() {
		assertThat(org.assertj.core.api.Assertions
			.catchThrowableOfType(io.tianshu.platform.TianshuException.class,
					() -> system(() -> this.topology.impact(CiId.random(), Direction.DOWNSTREAM, 2, Set.of())))
			.code()).isEqualTo("cmdb.ci.not-found");
	}

	private void insertRelation(UUID id, CiId source, CiId target) {
		UUID definition = this.jdbc.sql("""
				SELECT id FROM cmdb.relation_definition
				WHERE source_model = 'application' AND target_model = 'host' AND type_code = 'runs_on'""")
			.query(UUID.class)
			.single();
		Timestamp now = Timestamp.from(Instant.now());
		this.jdbc.sql("""
				INSERT INTO cmdb.relation (id, type_code, source_id, target_id, definition_id, created_at)
				VALUES (?, 'runs_on', ?, ?, ?, ?)""")
			.params(id, source.value(), target.value(), definition, now)
			.update();
		history(id, "CREATED", source, target, now);
	}

	private void deleteRelation(UUID id, CiId source, CiId target) {
		this.jdbc.sql("DELETE FROM cmdb.relation WHERE id = ?").param(id).update();
		history(id, "DELETED", source, target, Timestamp.from(Instant.now()));
	}

	private void history(UUID id, String change, CiId source, CiId target, Timestamp at) {
		this.jdbc.sql("""
				INSERT INTO cmdb.relation_history (relation_id, change, type_code, source_id, target_id, actor, source,
				  changed_at)
				VALUES (?, ?, 'runs_on', ?, ?, 'test', 'API', ?)""")
			.params(id, change, source.value(), target.value(), at)
			.update();
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private void importFile(String model, String csv) throws Exception {
		var request = multipart("/api/v1/cmdb/imports")
			.file(new MockMultipartFile("file", "f.csv", null, csv.getBytes(StandardCharsets.UTF_8)))
			.param("mode", "dryRun")
			.with(importer())
			.with(csrf());
		if (model != null) {
			request.param("model", model);
		}
		else {
			request.param("kind", "relations");
		}
		String job = JsonPath.read(this.mvc.perform(request)
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8), "$.id");
		this.mvc
			.perform(post("/api/v1/cmdb/imports/" + job + "/apply").with(importer())
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"rows\": \"all\"}"))
			.andExpect(status().isOk());
	}

	private static RequestPostProcessor importer() {
		return user("graph-importer").authorities(new SimpleGrantedAuthority(CmdbPermissions.MODEL_READ),
				new SimpleGrantedAuthority(CmdbPermissions.CI_READ),
				new SimpleGrantedAuthority(CmdbPermissions.CI_WRITE),
				new SimpleGrantedAuthority(CmdbPermissions.RELATION_WRITE));
	}

	private List<CiId> downstream(CiId start) {
		return system(() -> this.topology.impact(start, Direction.DOWNSTREAM, 3, Set.of())).nodes()
			.stream()
			.map(TopologyGraph.Node::id)
			.toList();
	}

	private List<UUID> upstreamEdges(CiId start) {
		return system(() -> this.topology.impact(start, Direction.UPSTREAM, 1, Set.of())).edges()
			.stream()
			.map((e) -> e.id().value())
			.toList();
	}

	private static void assertConnected(TopologyGraph path) {
		assertThat(path.edges()).hasSize(Math.max(0, path.nodes().size() - 1));
		for (int i = 0; i < path.edges().size(); i++) {
			Set<CiId> ends = Set.of(path.edges().get(i).source(), path.edges().get(i).target());
			assertThat(ends).containsExactlyInAnyOrder(path.nodes().get(i).id(), path.nodes().get(i + 1).id());
		}
	}

	private <T> T system(java.util.function.Supplier<T> work) {
		return this.authorization.runAsSystem(work);
	}

	private List<CiId> cis(String model, int count) {
		List<CiId> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ids.add(ci(model, i));
		}
		return ids;
	}

	private CiId ci(String model, int i) {
		// names in several scripts and cases, so that the business view's order by name
		// is checked beyond ASCII
		String name = List.of("Ab", "ab", "中", "Z", "_x", "é").get(i % 6) + "-" + model + "-" + i + "-" + this.s;
		return system(() -> this.items
			.create(new CiDraft(model, name, LifecycleState.IN_USE, null, attributes(model, i)), ChangeSource.API))
			.id();
	}

	private Map<String, Object> attributes(String model, int i) {
		// fits every code's pattern (upper case, no dashes for app and system codes)
		String code = "C" + i + "X" + this.s.toUpperCase(java.util.Locale.ROOT);
		Map<String, Object> attributes = new HashMap<>();
		switch (model) {
			case "business_system" -> {
				attributes.put("system_code", code);
				attributes.put("business_grade", "A");
				attributes.put("rto_minutes", 30);
				attributes.put("rpo_minutes", 0);
			}
			case "application" -> attributes.put("app_code", code);
			case "service" -> attributes.put("service_code", code);
			case "db_instance" -> {
				attributes.put("instance_name", code);
				attributes.put("db_type", "oracle");
			}
			case "middleware_instance" -> {
				attributes.put("instance_name", code);
				attributes.put("mw_type", "kafka");
			}
			case "host" -> attributes.put("hostname", code);
			case "rack" -> attributes.put("rack_code", code);
			case "network_device" -> {
				attributes.put("hostname", code);
				attributes.put("device_type", "switch");
			}
			default -> throw new IllegalArgumentException(model);
		}
		return attributes;
	}

	/**
	 * The relation, or null when the generated pair breaks a rule (a cycle, a second
	 * parent).
	 */
	private Relation relate(String type, CiId source, CiId target) {
		if (source.equals(target)) {
			return null;
		}
		try {
			return system(() -> this.relations.create(type, source, target, ChangeSource.API));
		}
		catch (io.tianshu.platform.TianshuException ex) {
			if (ex.code().startsWith("cmdb.relation.")) {
				return null;
			}
			throw ex;
		}
	}

	private static CiId pick(List<CiId> ids, Random random) {
		return ids.get(random.nextInt(ids.size()));
	}

	@SafeVarargs
	private static List<CiId> concat(List<CiId>... lists) {
		List<CiId> all = new ArrayList<>();
		for (List<CiId> list : lists) {
			all.addAll(list);
		}
		return all;
	}

}
