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

	@Bean
	Probe cmdbModelBundlesProbe() {
		return new Unobservable("cmdb.model.bundles",
				new LocalizedText("CMDB 模型在多环境间导出导入", "CMDB models are moved between environments"),
				List.of("000.10.14.1.1.L3.b", "000.10.14.1.3.L3.c"), new LocalizedText("CMDB 尚未提供记录模型包导出、导入的接口，无法观测。",
						"The CMDB offers no API that records model bundle exports and imports yet."));
	}

	@Bean
	Probe cmdbDataQualityProbe() {
		return new Unobservable("cmdb.data-quality", new LocalizedText("配置数据质量评分", "CI data quality scores"),
				List.of("000.10.14.3.3.L2.b", "000.10.14.3.3.L4.f"), new LocalizedText("CMDB 尚未提供配置数据质量评分接口，无法观测。",
						"The CMDB offers no data quality scores through its API yet."));
	}

	@Bean
	Probe alertNoiseProbe() {
		return new Unobservable("event.alert-noise",
				new LocalizedText("告警分组、抑制生效并度量降噪效果", "Alert grouping and inhibition active, noise reduction measured"),
				List.of("000.10.10.3.2.L3.c", "000.10.10.3.2.L4.f", "001.1.3.1.L3.3", "001.1.3.1.L4.2"),
				new LocalizedText("事件中心尚未安装，无法观测。", "The event center is not installed yet."));
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
