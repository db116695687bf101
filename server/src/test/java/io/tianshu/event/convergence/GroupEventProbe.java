package io.tianshu.event.convergence;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.tianshu.event.AlertGroupChanged;
import io.tianshu.event.AlertGroupOpened;
import io.tianshu.event.AlertGroupResolved;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Test-only listener: receives the alert group events after commit, as the notification
 * or ITSM module would.
 */
@Component
class GroupEventProbe {

	private final List<AlertGroupOpened> opened = new CopyOnWriteArrayList<>();

	private final List<AlertGroupChanged> changed = new CopyOnWriteArrayList<>();

	private final List<AlertGroupResolved> resolved = new CopyOnWriteArrayList<>();

	public List<AlertGroupOpened> opened(UUID group) {
		return this.opened.stream().filter((e) -> e.groupId().equals(group)).toList();
	}

	public List<AlertGroupChanged> changed(UUID group) {
		return this.changed.stream().filter((e) -> e.groupId().equals(group)).toList();
	}

	public List<AlertGroupResolved> resolved(UUID group) {
		return this.resolved.stream().filter((e) -> e.groupId().equals(group)).toList();
	}

	@ApplicationModuleListener
	void on(AlertGroupOpened event) {
		this.opened.add(event);
	}

	@ApplicationModuleListener
	void on(AlertGroupChanged event) {
		this.changed.add(event);
	}

	@ApplicationModuleListener
	void on(AlertGroupResolved event) {
		this.resolved.add(event);
	}

}
