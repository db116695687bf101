package io.tianshu.platform.identity.roles;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tianshu.platform.PermissionDefinition;
import io.tianshu.platform.PermissionSet;

import org.springframework.stereotype.Component;

/**
 * Every permission Tianshu knows: the union of all {@link PermissionSet} beans, sorted by
 * name. Roles and tokens may only hold permissions from here.
 */
@Component
public class PermissionCatalog {

	private final List<PermissionDefinition> definitions;

	private final Set<String> names;

	PermissionCatalog(List<PermissionSet> sets) {
		Map<String, PermissionDefinition> byName = new LinkedHashMap<>();
		sets.forEach((set) -> set.permissions().forEach((p) -> byName.putIfAbsent(p.name(), p)));
		this.definitions = byName.values().stream().sorted(Comparator.comparing(PermissionDefinition::name)).toList();
		this.names = Set.copyOf(byName.keySet());
	}

	public List<PermissionDefinition> all() {
		return this.definitions;
	}

	public Set<String> names() {
		return this.names;
	}

	public boolean contains(String permission) {
		return this.names.contains(permission);
	}

}
