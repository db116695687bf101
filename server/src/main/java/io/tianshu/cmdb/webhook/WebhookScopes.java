package io.tianshu.cmdb.webhook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tianshu.platform.PermissionScope;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a subscription's scope is stored ({@code cmdb.webhook.scope}) and compared with a
 * caller's. A subscription delivers only changes of CIs within the scope its last saver
 * could read ({@code cmdb.ci.read}) when saving it, so a role limited to a business
 * system cannot subscribe its way around the limit.
 */
final class WebhookScopes {

	private WebhookScopes() {
	}

	/** {@code null} for everywhere, otherwise a JSON array of the areas. */
	static String toJson(PermissionScope scope, JsonMapper json) {
		if (scope.everywhere()) {
			return null;
		}
		List<Map<String, String>> areas = new ArrayList<>();
		scope.areas()
			.stream()
			.sorted(java.util.Comparator.comparing(PermissionScope.Area::toString))
			.forEach((area) -> {
				Map<String, String> m = new LinkedHashMap<>();
				m.put("businessSystem", area.businessSystem());
				m.put("environment", area.environment());
				areas.add(m);
			});
		return json.writeValueAsString(areas);
	}

	static PermissionScope fromJson(String text, JsonMapper json) {
		if (text == null) {
			return PermissionScope.EVERYWHERE;
		}
		List<PermissionScope.Area> areas = new ArrayList<>();
		for (JsonNode area : json.readTree(text)) {
			areas.add(new PermissionScope.Area(text(area, "businessSystem"), text(area, "environment")));
		}
		return PermissionScope.within(areas);
	}

	/**
	 * Whether everything {@code inner} covers is covered by {@code outer}, judged by the
	 * areas' names: each area of {@code inner} is narrowed by some area of {@code outer}
	 * (an {@code outer} part that is unset, or equal). Used to keep a scoped manager away
	 * from subscriptions that deliver more than they may read.
	 */
	static boolean within(PermissionScope inner, PermissionScope outer) {
		if (outer.everywhere()) {
			return true;
		}
		if (inner.everywhere()) {
			return false;
		}
		return inner.areas()
			.stream()
			.allMatch((area) -> outer.areas()
				.stream()
				.anyMatch((o) -> (o.businessSystem() == null || o.businessSystem().equals(area.businessSystem()))
						&& (o.environment() == null || o.environment().equals(area.environment()))));
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

}
