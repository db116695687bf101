package io.tianshu.cmdb.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tianshu.cmdb.BusinessView;
import io.tianshu.cmdb.CiId;
import io.tianshu.cmdb.LifecycleState;
import io.tianshu.cmdb.RelationId;
import io.tianshu.cmdb.TopologyGraph;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written topology JSON is byte for byte what the records serialize to. */
class TopologyJsonConverterTests {

	/** As the application's mapper: {@code null}s left out. */
	final JsonMapper json = JsonMapper.builder()
		.changeDefaultPropertyInclusion(
				(incl) -> JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
		.build();

	final Random random = new Random(42);

	@Test
	void impactAnswerIsWhatTheRecordsSerializeTo() {
		List<TopologyGraph.Node> nodes = new ArrayList<>();
		List<TopologyGraph.Edge> edges = new ArrayList<>();
		nodes.add(new TopologyGraph.Node(new CiId(new UUID(0, 1)), "host",
				"h-\"quoted\"\\ 主机\u0001\u001f\n\t\r\b\f/é😀\u2028", null, 0));
		nodes.add(new TopologyGraph.Node(new CiId(new UUID(-1, -1)), "application", null, LifecycleState.IN_USE, 3));
		for (int i = 0; i < 2000; i++) {
			nodes.add(
					new TopologyGraph.Node(new CiId(uuid()), "db_instance", (i == 7) ? "长".repeat(40_000) : "集中交易-" + i,
							LifecycleState.values()[i % LifecycleState.values().length], i % 5));
			edges.add(new TopologyGraph.Edge(new RelationId(uuid()), "runs_on", new CiId(uuid()), new CiId(uuid())));
		}
		edges.add(new TopologyGraph.Edge(null, null, new CiId(new UUID(0x00000000_0000_4000L, 0x8000_0000_0000_0000L)),
				new CiId(uuid())));
		TopologyGraph graph = new TopologyGraph(nodes, edges);
		assertThat(written(graph)).isEqualTo(this.json.writeValueAsString(graph));
		TopologyGraph empty = new TopologyGraph(List.of(), List.of());
		assertThat(written(empty)).isEqualTo(this.json.writeValueAsString(empty))
			.isEqualTo("{\"nodes\":[],\"edges\":[]}");
	}

	@Test
	void businessViewIsWhatTheRecordsSerializeTo() {
		List<BusinessView.Node> nodes = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			nodes.add(new BusinessView.Node(new CiId(uuid()), "host", "主机 " + i,
					(i % 7 == 0) ? null : LifecycleState.PLANNED,
					BusinessView.Layer.values()[i % BusinessView.Layer.values().length]));
		}
		nodes.add(new BusinessView.Node(new CiId(uuid()), "rack", "rk", LifecycleState.RETIRED, null));
		List<TopologyGraph.Edge> edges = List
			.of(new TopologyGraph.Edge(new RelationId(uuid()), "contains", new CiId(uuid()), new CiId(uuid())));
		BusinessView view = new BusinessView(new CiId(uuid()), nodes, edges);
		assertThat(written(view)).isEqualTo(this.json.writeValueAsString(view));
		BusinessView none = new BusinessView(null, List.of(), List.of());
		assertThat(written(none)).isEqualTo(this.json.writeValueAsString(none));
	}

	@Test
	void answersOnlyTopologyTypes() {
		TopologyJsonConverter converter = new TopologyJsonConverter();
		assertThat(converter.canWrite(TopologyGraph.class, null)).isTrue();
		assertThat(converter.canWrite(BusinessView.class, null)).isTrue();
		assertThat(converter.canWrite(TopologyGraph.Node.class, null)).isFalse();
		assertThat(converter.canWrite(Object.class, null)).isFalse();
		assertThat(converter.canRead(TopologyGraph.class, null)).isFalse();
	}

	private UUID uuid() {
		// random bits, with some leading zero nibbles in every field
		return new UUID(this.random.nextLong() >>> this.random.nextInt(20),
				this.random.nextLong() >>> this.random.nextInt(20));
	}

	private String written(Object value) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			TopologyJsonConverter.write(value, out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString(StandardCharsets.UTF_8);
	}

}
