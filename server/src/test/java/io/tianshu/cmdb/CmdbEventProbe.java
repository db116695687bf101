package io.tianshu.cmdb;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Test-only listener (component-scanned into every integration test context): receives
 * the CMDB's events after commit, as another module would, so the publication registry
 * stores them.
 */
@Component
class CmdbEventProbe {

	private final List<CiChanged> ciChanges = new CopyOnWriteArrayList<>();

	private final List<RelationChanged> relationChanges = new CopyOnWriteArrayList<>();

	// accessors, not fields: the listener is a proxy (the listener runs in a transaction)
	public List<CiChanged> ciChanges() {
		return this.ciChanges;
	}

	public List<RelationChanged> relationChanges() {
		return this.relationChanges;
	}

	@ApplicationModuleListener
	void on(CiChanged event) {
		this.ciChanges.add(event);
	}

	@ApplicationModuleListener
	void on(RelationChanged event) {
		this.relationChanges.add(event);
	}

}
