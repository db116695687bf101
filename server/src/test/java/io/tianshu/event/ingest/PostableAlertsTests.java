package io.tianshu.event.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The streaming reader of {@code POST /api/v2/alerts} bodies reads what the JSON tree
 * read ({@link IngestSupport#stringMap}, {@link IngestSupport#text}) and refuses what the
 * tree refused.
 */
class PostableAlertsTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void readsWhatTheTreeReads() {
		String body = """
				[
				  {"labels": {"alertname": "DiskFull", "instance": "db-01:9100", "服务": "集中交易", "n": 3, "f": 1.50,
				              "big": 12345678901234567890, "ok": true, "gone": null, "nested": {"x": 1}, "list": [1]},
				   "annotations": {"summary": "磁盘将满 🔥", "description": null},
				   "startsAt": "2026-12-03T01:02:03.123Z", "endsAt": 1733190000, "generatorURL": {"not": "text"},
				   "unknown": {"deep": [1, {"a": [2, 3]}]}, "also": [[]], "status": {"state": "x"}},
				  "not an object",
				  [1, 2],
				  {"labels": "a string", "annotations": [1], "startsAt": null, "endsAt": true, "generatorURL": "http://p/graph"},
				  {},
				  {"labels": {"a": "first"}, "labels": {"a": "second"}},
				  {"labels": {"a": "x", "b": "y", "a": null}},
				  {"labels": {"a": {}, "a": "x"}},
				  {"labels": 5, "labels": {"a": "x"}},
				  {"annotations": {"s": [1]}, "labels": {"l": {}, "m": "ok", "l": []}}
				]""";
		List<PostableAlerts.Alert> alerts = PostableAlerts.read(this.json, bytes(body), 100);
		JsonNode tree = this.json.readTree(body);
		assertThat(alerts).hasSize(tree.size());
		for (int i = 0; i < tree.size(); i++) {
			JsonNode node = tree.get(i);
			PostableAlerts.Alert alert = alerts.get(i);
			assertThat(alert.object).as("element %d is an object", i).isEqualTo(node.isObject());
			if (!node.isObject()) {
				continue;
			}
			List<String> errors = new ArrayList<>();
			assertThat(alert.labels).isEqualTo(IngestSupport.stringMap(node.get("labels"), "labels", errors));
			assertThat(alert.annotations)
				.isEqualTo(IngestSupport.stringMap(node.get("annotations"), "annotations", errors));
			assertThat(alert.errors).as("errors of element %d", i).isEqualTo(errors);
			assertThat(alert.startsAt).isEqualTo(IngestSupport.text(node, "startsAt"));
			assertThat(alert.endsAt).isEqualTo(IngestSupport.text(node, "endsAt"));
			assertThat(alert.generatorUrl).isEqualTo(IngestSupport.text(node, "generatorURL"));
		}
		assertThat(alerts.get(0).labels).containsEntry("f", "1.5")
			.containsEntry("ok", "true")
			.doesNotContainKey("gone");
		assertThat(alerts.get(0).errors).containsExactly("labels.nested must be a string",
				"labels.list must be a string");
		assertThat(alerts.get(5).labels).containsEntry("a", "second");
		assertThat(alerts.get(6).labels).containsOnlyKeys("b");
		assertThat(alerts.get(7).errors).isEmpty();
		assertThat(alerts.get(8).errors).isEmpty();
		assertThat(alerts.get(9).errors).containsExactly("labels.l must be a string", "annotations.s must be a string");
	}

	@Test
	void refusesWhatTheTreeRefused() {
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> PostableAlerts.read(this.json, bytes("[{\"labels\": {\"a\": "), 100));
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> PostableAlerts.read(this.json, bytes("[{\"labels\": {}}, ]"), 100));
		assertThatExceptionOfType(PostableAlerts.Malformed.class)
			.isThrownBy(() -> PostableAlerts.read(this.json, bytes("  "), 100));
		assertThatExceptionOfType(PostableAlerts.Malformed.class)
			.isThrownBy(() -> PostableAlerts.read(this.json, bytes("[] []"), 100));
		assertThatExceptionOfType(PostableAlerts.NotAnArray.class)
			.isThrownBy(() -> PostableAlerts.read(this.json, bytes("{\"labels\": {}}"), 100));
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> PostableAlerts.read(this.json, bytes("{\"labels\": "), 100));
		assertThatExceptionOfType(PostableAlerts.TooMany.class)
			.isThrownBy(() -> PostableAlerts.read(this.json, bytes("[{}, [1, [2]], 3, {\"a\": {}}, null]"), 2))
			.satisfies((ex) -> assertThat(ex.count).isEqualTo(5));
		assertThatExceptionOfType(PostableAlerts.Malformed.class)
			.isThrownBy(() -> PostableAlerts.read(this.json, bytes("[{}, {}, {}] []"), 2));
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> PostableAlerts.read(this.json, bytes("[{}, {}, {\"a\": ]"), 2));
		assertThat(PostableAlerts.read(this.json, bytes("[{}, {}]"), 2)).hasSize(2);
		assertThat(PostableAlerts.read(this.json, bytes("[]"), 0)).isEmpty();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
