package io.tianshu.maturity.demo;

import java.util.List;

import io.tianshu.maturity.Frameworks;
import io.tianshu.maturity.assessment.Assessment;
import io.tianshu.maturity.assessment.Assessments;
import io.tianshu.maturity.probe.ProbeRuns;
import io.tianshu.platform.DemoData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Demo: a self-assessment of the demo organisation against 000 (运维自动化能力成熟度), pre-filled
 * by the probes, so its report opens right away. Runs after the other modules' demo data
 * (order 500) so the probes see it; without framework 000 it is skipped.
 */
@Component
class MaturityDemoData implements DemoData {

	static final String FRAMEWORK = "000";

	private static final Logger log = LoggerFactory.getLogger(MaturityDemoData.class);

	private final Frameworks frameworks;

	private final Assessments assessments;

	private final ProbeRuns probes;

	MaturityDemoData(Frameworks frameworks, Assessments assessments, ProbeRuns probes) {
		this.frameworks = frameworks;
		this.assessments = assessments;
		this.probes = probes;
	}

	@Override
	public int order() {
		return 500;
	}

	@Override
	public String name() {
		return "maturity: a self-assessment against 000, pre-filled by the probes";
	}

	@Override
	public void load() {
		if (this.frameworks.find(FRAMEWORK).isEmpty()) {
			log.info("Maturity demo assessment skipped: framework {} is not loaded", FRAMEWORK);
			return;
		}
		Assessment assessment = this.assessments.create(new Assessments.Draft(FRAMEWORK, "运维自动化能力成熟度自评（演示）",
				"ORGANISATION", List.of(), List.of("admin"), "auditor"));
		// the probes run after the assessment is created: its creation is the maturity
		// module's own audit record, which the audit coverage probe looks for
		this.probes.run(List.of(), "DEMO", this.probes.defaultSince());
		Assessments.Prefill prefill = this.assessments.prefill(assessment.id());
		log.info("Maturity demo assessment {} created: {} criteria pre-filled by probes", assessment.id(),
				prefill.filled());
	}

}
