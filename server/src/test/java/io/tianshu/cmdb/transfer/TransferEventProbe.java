package io.tianshu.cmdb.transfer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.tianshu.cmdb.CisImported;
import io.tianshu.cmdb.RelationsImported;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Test-only listener for the import events, as another module would listen. */
@Component
class TransferEventProbe {

	private final List<CisImported> cis = new CopyOnWriteArrayList<>();

	private final List<RelationsImported> relations = new CopyOnWriteArrayList<>();

	public List<CisImported> cis() {
		return this.cis;
	}

	public List<RelationsImported> relations() {
		return this.relations;
	}

	@ApplicationModuleListener
	void on(CisImported event) {
		this.cis.add(event);
	}

	@ApplicationModuleListener
	void on(RelationsImported event) {
		this.relations.add(event);
	}

}
