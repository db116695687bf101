package io.tianshu.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Test-only listener: receives the event center's events after commit through the event
 * publication registry, as another module would.
 */
@Component
class EventProbe {

	private final List<AlertOpened> opened = new CopyOnWriteArrayList<>();

	private final List<AlertResolved> resolved = new CopyOnWriteArrayList<>();

	public List<AlertOpened> opened() {
		return this.opened;
	}

	public List<AlertResolved> resolved() {
		return this.resolved;
	}

	@ApplicationModuleListener
	void on(AlertOpened event) {
		this.opened.add(event);
	}

	@ApplicationModuleListener
	void on(AlertResolved event) {
		this.resolved.add(event);
	}

}
