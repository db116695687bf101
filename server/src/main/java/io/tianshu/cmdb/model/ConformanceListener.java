package io.tianshu.cmdb.model;

import io.tianshu.cmdb.CiChanged;
import io.tianshu.cmdb.CisImported;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Clears the non-conformance flags of a CI that was edited (in the console, the API or a
 * bulk import) into conformance, or retired. A plain (synchronous) listener on purpose:
 * it runs in the transaction of the CI change or of the import, so a CI and its flags
 * never disagree.
 */
@Component
class ConformanceListener {

	private final ModelCatalog models;

	private final ModelConformance conformance;

	ConformanceListener(ModelCatalog models, ModelConformance conformance) {
		this.models = models;
		this.conformance = conformance;
	}

	@EventListener
	void on(CiChanged change) {
		this.conformance.recheck(change, () -> this.models.find(change.model()).orElse(null));
	}

	/** Created CIs were checked against the current model and have no flags. */
	@EventListener
	void on(CisImported imported) {
		this.conformance.recheckImported(imported.updated(), () -> this.models.find(imported.model()).orElse(null));
	}

}
