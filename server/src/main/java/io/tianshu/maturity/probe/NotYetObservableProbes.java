package io.tianshu.maturity.probe;

import java.util.List;

import io.tianshu.maturity.LocalizedText;
import io.tianshu.maturity.Probe;
import io.tianshu.maturity.ProbeContext;
import io.tianshu.maturity.ProbeOutcome;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Probes for evidence that the modules installed today do not offer through an API. They
 * are registered, so their criteria show in the probe list and the reports, and they say
 * {@code NOT_OBSERVABLE} with the reason — never met. Each is replaced by a real probe
 * when its module offers the data.
 */
@Configuration(proxyBeanMethods = false)
class NotYetObservableProbes {

	/**
	 * Grouping and inhibition (告警分组、抑制): the event center defines
	 * {@code AlertGroupOpened} but nothing groups or inhibits alerts yet.
	 */
	@Bean
	Probe alertGroupingProbe() {
		return new Unobservable("event.alert-grouping",
				new LocalizedText("告警分组、抑制与告警风暴管控生效", "Alert grouping, inhibition and alert-storm control are active"),
				// 000 表36 L4 f: correlation, grouped convergence, storm control; 001 表4
				// L3 6: storms
				// by inhibition and convergence; 001 表4 L4 2: several objects correlated
				// and inhibited
				List.of("000.10.10.3.2.L4.f", "001.1.3.1.L3.6", "001.1.3.1.L4.2"),
				new LocalizedText("告警分组未安装，无法观测分组与抑制。",
						"Grouping not installed: alert grouping and inhibition cannot be observed."));
	}

	/** A probe whose evidence no module offers yet. */
	record Unobservable(String id, LocalizedText title, List<String> criteria, LocalizedText reason) implements Probe {

		@Override
		public String version() {
			return "1";
		}

		@Override
		public ProbeOutcome evaluate(ProbeContext context) {
			return ProbeOutcome.notObservable(this.reason);
		}

	}

}
