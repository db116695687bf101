package io.tianshu.maturity.probe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tianshu.event.EventStatistics;
import io.tianshu.event.EventStatistics.Noise;
import io.tianshu.maturity.EvidenceLink;
import io.tianshu.maturity.LocalizedText;
import io.tianshu.maturity.Probe;
import io.tianshu.maturity.ProbeContext;
import io.tianshu.maturity.ProbeOutcome;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * 告警收敛 (001 §1.3.1 L3 3): the many events of one object are merged by configuration — the
 * event center deduplicates the signals of one alert (same integration and fingerprint)
 * into that alert — and the effect is measured: raw events : alerts over the evidence
 * window. Met when firing signals were received and at least
 * {@code tianshu.maturity.probes.noise-reduction-min} (default 0.2, i.e. 20 %) of them
 * did not open an alert of their own.
 */
@Component
class AlertNoiseProbe implements Probe {

	private final EventStatistics statistics;

	private final double minimum;

	AlertNoiseProbe(EventStatistics statistics,
			@Value("${tianshu.maturity.probes.noise-reduction-min:0.2}") double minimum) {
		this.statistics = statistics;
		this.minimum = minimum;
	}

	@Override
	public String id() {
		return "event.alert-noise";
	}

	@Override
	public String version() {
		return "2";
	}

	@Override
	public LocalizedText title() {
		return new LocalizedText("告警去重收敛并度量降噪效果", "Alerts are deduplicated and noise reduction is measured");
	}

	@Override
	public List<String> criteria() {
		return List.of("001.1.3.1.L3.3");
	}

	@Override
	public ProbeOutcome evaluate(ProbeContext context) {
		return judge(this.statistics.noise(context.since()), this.minimum);
	}

	static ProbeOutcome judge(Noise noise, double minimum) {
		Map<String, Object> counts = new LinkedHashMap<>();
		counts.put("rawEvents", noise.received());
		counts.put("firingEvents", noise.firing());
		counts.put("alertsOpened", noise.opened());
		counts.put("mergedEvents", noise.merged());
		Double reduction = noise.reduction();
		String percent = (reduction != null) ? String.format("%.1f", reduction * 100) : "-";
		if (reduction != null) {
			counts.put("reductionPercent", Math.round(reduction * 1000) / 10.0);
		}
		counts.put("thresholdPercent", Math.round(minimum * 1000) / 10.0);
		noise.byOutcome().forEach((outcome, n) -> counts.put("outcome." + outcome, n));
		List<EvidenceLink> links = List.of(new EvidenceLink(EvidenceLink.Type.URL, "/events/alerts", "告警"));
		String ratio = noise.firing() + " : " + noise.opened();
		if (reduction == null) {
			return ProbeOutcome.notMet(new LocalizedText("取证窗口内事件中心没有收到告警事件，无从度量降噪。",
					"The event center received no firing events in the evidence window; noise reduction cannot be shown."),
					counts, List.of(), links);
		}
		if (reduction < minimum) {
			return ProbeOutcome.notMet(new LocalizedText(
					"原始告警事件 : 告警 = " + ratio + "，降噪 " + percent + "%，低于 " + Math.round(minimum * 100) + "%。",
					"Firing events : alerts = " + ratio + ", noise reduced by " + percent + "%, below "
							+ Math.round(minimum * 100) + "%."),
					counts, List.of(), links);
		}
		return ProbeOutcome
			.met(new LocalizedText(
					"原始告警事件 : 告警 = " + ratio + "，去重收敛减少 " + percent + "% 的告警（门槛 " + Math.round(minimum * 100) + "%）。",
					"Firing events : alerts = " + ratio + "; deduplication removed " + percent
							+ "% of the noise (threshold " + Math.round(minimum * 100) + "%)."),
					counts, List.of(), links);
	}

}
