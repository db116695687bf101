package io.tianshu.cmdb.topology;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.tianshu.cmdb.LifecycleState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CiGraphTests {

	final CiGraph graph = new CiGraph();

	final UUID system = ci("business_system", "BS");

	final UUID app = ci("application", "app");

	final UUID db = ci("db_instance", "db");

	final UUID host = ci("host", "h1");

	final UUID rack = ci("rack", "rk");

	final UUID contains = relate("contains", this.system, this.app);

	final UUID dependsOn = relate("depends_on", this.app, this.db);

	final UUID appOnHost = relate("runs_on", this.app, this.host);

	final UUID dbOnHost = relate("runs_on", this.db, this.host);

	final UUID inRack = relate("contains", this.rack, this.host);

	@Test
	void downstreamReachesEachCiOnceAtItsShortestDistance() {
		CiGraph.Reach reach = impact(this.system, true, 4, Set.of());
		assertThat(ids(reach.nodes())).containsExactly(this.system, this.app, this.db, this.host);
		assertThat(reach.depths()).containsExactly(0, 1, 2, 2);
		// the db's runs_on leads to a host already reached: followed, not counted again
		assertThat(relations(reach.edges())).containsExactly(this.contains, this.dependsOn, this.appOnHost,
				this.dbOnHost);
	}

	@Test
	void theLastLevelIsNotExpanded() {
		CiGraph.Reach reach = impact(this.system, true, 2, Set.of());
		assertThat(relations(reach.edges())).containsExactly(this.contains, this.dependsOn, this.appOnHost);
	}

	@Test
	void upstreamFollowsRelationsBackwards() {
		CiGraph.Reach reach = impact(this.host, false, 3, Set.of());
		assertThat(ids(reach.nodes())).containsExactly(this.host, this.app, this.db, this.rack, this.system);
		assertThat(reach.depths()).containsExactly(0, 1, 1, 1, 2);
	}

	@Test
	void typesFilterTheRelationsFollowed() {
		assertThat(ids(impact(this.host, false, 3, Set.of("runs_on")).nodes())).containsExactly(this.host, this.app,
				this.db);
		assertThat(ids(impact(this.host, false, 3, Set.of("no_such_type")).nodes())).containsExactly(this.host);
	}

	@Test
	void tooLargeAnswersAreRefused() {
		int start = this.graph.slot(this.system);
		assertThat(this.graph.impact(start, true, 4, null, 3, 100)).isNull();
		assertThat(this.graph.impact(start, true, 4, null, 4, 3)).isNull();
		assertThat(this.graph.impact(start, true, 4, null, 4, 4)).isNotNull();
	}

	@Test
	void removedRelationsAreNotFollowedAndTheirSlotsAreReused() {
		this.graph.removeRelation(this.appOnHost);
		this.graph.removeRelation(this.appOnHost);
		assertThat(this.graph.relationCount()).isEqualTo(4);
		assertThat(relations(impact(this.system, true, 4, Set.of()).edges())).containsExactly(this.contains,
				this.dependsOn, this.dbOnHost);
		UUID again = relate("runs_on", this.app, this.host);
		assertThat(this.graph.relationCount()).isEqualTo(5);
		assertThat(relations(impact(this.app, true, 1, Set.of()).edges())).containsExactly(this.dependsOn, again);
	}

	@Test
	void aRelationToAnUnknownCiIsNotAdded() {
		assertThat(this.graph.putRelation(UUID.randomUUID(), "runs_on", this.app, UUID.randomUUID())).isFalse();
		assertThat(this.graph.relationCount()).isEqualTo(5);
	}

	@Test
	void factsAreReplacedInPlace() {
		this.graph.putCi(this.db, "db_instance", "db-renamed", LifecycleState.RETIRED);
		int slot = this.graph.slot(this.db);
		assertThat(this.graph.name(slot)).isEqualTo("db-renamed");
		assertThat(this.graph.state(slot)).isEqualTo(LifecycleState.RETIRED);
		assertThat(this.graph.ciCount()).isEqualTo(5);
		assertThat(ids(impact(this.system, true, 4, Set.of()).nodes())).contains(this.db);
	}

	@Test
	void growsPastItsInitialSize() {
		CiGraph small = new CiGraph(1, 1);
		UUID hub = UUID.randomUUID();
		small.putCi(hub, "network_device", "core", LifecycleState.IN_USE);
		for (int i = 0; i < 1000; i++) {
			UUID host = UUID.randomUUID();
			small.putCi(host, "host", "h" + i, LifecycleState.IN_USE);
			small.putRelation(UUID.randomUUID(), "connects_to", host, hub);
		}
		CiGraph.Reach reach = small.impact(small.slot(hub), false, 1, null, 2000, 2000);
		assertThat(reach.nodes()).hasSize(1001);
		assertThat(reach.edges()).hasSize(1000);
	}

	private CiGraph.Reach impact(UUID start, boolean down, int depth, Set<String> types) {
		return this.graph.impact(this.graph.slot(start), down, depth, this.graph.typeMask(types), 100, 100);
	}

	private List<UUID> ids(int[] slots) {
		return Arrays.stream(slots).mapToObj((s) -> this.graph.ciId(s).value()).toList();
	}

	private List<UUID> relations(int[] slots) {
		return Arrays.stream(slots).mapToObj((r) -> this.graph.relationId(r).value()).toList();
	}

	@Test
	void idsMadeFromThePackedLongsAreTheCisAndRelationsAlsoAfterTheArraysGrow() {
		List<UUID> more = new java.util.ArrayList<>();
		List<UUID> relations = new java.util.ArrayList<>();
		for (int i = 0; i < 100; i++) {
			more.add(ci("host", "h" + i));
			relations.add(relate("runs_on", this.app, more.get(i)));
		}
		for (UUID id : more) {
			assertThat(this.graph.ciId(this.graph.slot(id)).value()).isEqualTo(id);
		}
		List<UUID> found = new java.util.ArrayList<>();
		for (int relation : this.graph.relations(this.graph.slot(this.app), true, -1)) {
			found.add(this.graph.relationId(relation).value());
		}
		assertThat(found).containsAll(relations);
	}

	private UUID ci(String model, String name) {
		UUID id = UUID.randomUUID();
		this.graph.putCi(id, model, name, LifecycleState.IN_USE);
		return id;
	}

	private UUID relate(String type, UUID source, UUID target) {
		UUID id = UUID.randomUUID();
		assertThat(this.graph.putRelation(id, type, source, target)).isTrue();
		return id;
	}

}
