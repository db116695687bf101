package io.tianshu.cmdb.model;

import io.tianshu.cmdb.CiChanged;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Clears the non-conformance flags of a CI that was edited into conformance or retired. A
 * plain (synchronous) listener on purpose: it runs in the transaction of the CI change,
 * so a CI and its flags never disagree.
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

}
