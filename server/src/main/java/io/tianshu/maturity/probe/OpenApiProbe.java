package io.tianshu.maturity.probe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tianshu.maturity.EvidenceLink;
import io.tianshu.maturity.LocalizedText;
import io.tianshu.maturity.Probe;
import io.tianshu.maturity.ProbeContext;
import io.tianshu.maturity.ProbeOutcome;
import io.tianshu.platform.ControlPosture;
import io.tianshu.platform.ControlPosture.TokenUsage;
import org.springdoc.webmvc.api.OpenApiResource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * 开放 API: the API is described by OpenAPI ({@code /v3/api-docs} is served) and managed
 * API tokens are in use (at least one active token was used in the evidence window).
 */
@Component
class OpenApiProbe implements Probe {

	private final ControlPosture posture;

	private final ObjectProvider<OpenApiResource> openApi;

	private final Environment environment;

	OpenApiProbe(ControlPosture posture, ObjectProvider<OpenApiResource> openApi, Environment environment) {
		this.posture = posture;
		this.openApi = openApi;
		this.environment = environment;
	}

	@Override
	public String id() {
		return "platform.api.openapi-tokens";
	}

	@Override
	public String version() {
		return "1";
	}

	@Override
	public LocalizedText title() {
		return new LocalizedText("开放 API 有 OpenAPI 描述并使用令牌管控",
				"Open API with an OpenAPI description and managed tokens");
	}

	@Override
	public List<String> criteria() {
		return List.of("000.8.2.3.1.L1.1", "000.8.2.3.1.L2.b");
	}

	@Override
	public ProbeOutcome evaluate(ProbeContext context) {
		// the OpenAPI endpoint exists when springdoc registered its resource
		boolean described = this.openApi.stream().findAny().isPresent();
		String path = described ? this.environment.getProperty("springdoc.api-docs.path", "/v3/api-docs") : null;
		TokenUsage tokens = this.posture.apiTokens(context.since());
		Map<String, Object> counts = new LinkedHashMap<>();
		counts.put("openApiDescription", described);
		counts.put("activeTokens", tokens.active());
		counts.put("tokensUsedInWindow", tokens.usedSince());
		List<EvidenceLink> links = (path != null) ? List.of(new EvidenceLink(EvidenceLink.Type.URL, path, "OpenAPI"),
				new EvidenceLink(EvidenceLink.Type.URL, "/account", "API 令牌")) : List.of();
		if (!described) {
			return ProbeOutcome.notMet(new LocalizedText("未提供 OpenAPI 接口描述。", "No OpenAPI description is served."),
					counts, List.of(), links);
		}
		if (tokens.usedSince() == 0) {
			return ProbeOutcome
				.notMet(new LocalizedText("有 OpenAPI 描述，但取证窗口内没有使用过 API 令牌（有效令牌 " + tokens.active() + " 个）。",
						"The OpenAPI description is served, but no API token was used in the evidence window ("
								+ tokens.active() + " active tokens)."),
						counts, List.of(), links);
		}
		return ProbeOutcome
			.met(new LocalizedText("提供 OpenAPI 描述（" + path + "），取证窗口内有 " + tokens.usedSince() + " 个令牌被使用。",
					"The OpenAPI description is served at " + path + "; " + tokens.usedSince()
							+ " tokens were used in the evidence window."),
					counts, List.of(), links);
	}

}
