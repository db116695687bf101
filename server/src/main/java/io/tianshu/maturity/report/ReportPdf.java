package io.tianshu.maturity.report;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.tianshu.maturity.Answer;
import io.tianshu.maturity.assessment.Assessment;
import io.tianshu.maturity.report.Report.Delta;
import io.tianshu.maturity.report.Report.Gap;
import io.tianshu.maturity.report.Report.GapCriterion;
import io.tianshu.maturity.report.Report.GapGroup;
import io.tianshu.maturity.report.Report.NodeResult;
import io.tianshu.maturity.report.Report.ProbeOverride;
import io.tianshu.maturity.report.Report.Radar;
import io.tianshu.maturity.report.Report.RoadmapPhase;
import io.tianshu.maturity.report.Report.RoadmapStep;
import org.openpdf.text.pdf.BaseFont;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xhtmlrenderer.pdf.ITextRenderer;

import org.springframework.stereotype.Component;

/**
 * Renders a {@link Report} as PDF: XHTML laid out by flying saucer onto OpenPDF, with
 * Noto Sans SC (SIL Open Font License 1.1, from the {@code ph-fonts-noto-sans-sc}
 * artifact) embedded as a subset, so the PDF shows its Chinese text on a machine without
 * CJK fonts. Radar charts are PNG images drawn with Java2D.
 */
@Component
public class ReportPdf {

	static final String FONT_RESOURCE = "fonts/ttf/NotoSansSC/NotoSansSC-Regular.ttf";

	static final String FONT_FAMILY = "Noto Sans SC";

	private static final Logger log = LoggerFactory.getLogger(ReportPdf.class);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(ZoneId.of("Asia/Shanghai"));

	private volatile Fonts fonts;

	/** The PDF bytes. */
	public byte[] render(Report report) {
		Fonts loaded = fonts();
		String xhtml = xhtml(report, loaded.awt());
		ITextRenderer renderer = new ITextRenderer();
		renderer.getFontResolver().addFont(loaded.pdf(), FONT_RESOURCE, FONT_FAMILY);
		renderer.setDocumentFromString(xhtml);
		renderer.layout();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		renderer.createPDF(out);
		return out.toByteArray();
	}

	private Fonts fonts() {
		Fonts loaded = this.fonts;
		if (loaded == null) {
			synchronized (this) {
				loaded = this.fonts;
				if (loaded == null) {
					loaded = loadFonts();
					this.fonts = loaded;
				}
			}
		}
		return loaded;
	}

	private static Fonts loadFonts() {
		byte[] bytes;
		try (InputStream in = ReportPdf.class.getClassLoader().getResourceAsStream(FONT_RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("The report font " + FONT_RESOURCE + " is not on the classpath");
			}
			bytes = in.readAllBytes();
			BaseFont pdf = BaseFont.createFont("NotoSansSC-Regular.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true,
					bytes, null);
			Font awt = null;
			try {
				awt = Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(bytes));
			}
			catch (FontFormatException | RuntimeException ex) {
				log.warn("Radar chart labels are left out: the report font cannot be used by Java2D", ex);
			}
			return new Fonts(pdf, awt);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record Fonts(BaseFont pdf, Font awt) {
	}

	String xhtml(Report report, Font awt) {
		boolean zh = !report.lang().equals("en");
		Map<String, String> t = zh ? ZH : EN;
		Assessment a = report.assessment();
		StringBuilder h = new StringBuilder(64 * 1024);
		h.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"")
			.append(zh ? "zh-CN" : "en")
			.append("\"><head><title>")
			.append(esc(a.title()))
			.append("</title><style type=\"text/css\">")
			.append("@page { size: A4; margin: 16mm 14mm 18mm 14mm; @bottom-center { content: counter(page) ' / ' counter(pages); font-family: '")
			.append(FONT_FAMILY)
			.append("'; font-size: 8pt; color: #888; } }")
			.append("body { font-family: '")
			.append(FONT_FAMILY)
			.append("'; font-size: 9.5pt; color: #222; line-height: 1.45; }")
			.append("h1 { font-size: 17pt; margin: 0 0 4pt 0; } h2 { font-size: 13pt; margin: 14pt 0 5pt 0; border-bottom: 1pt solid #1677ff; padding-bottom: 2pt; }")
			.append("h3 { font-size: 10.5pt; margin: 9pt 0 3pt 0; }")
			.append("table { width: 100%; border-collapse: collapse; margin: 3pt 0; -fs-table-paginate: paginate; }")
			.append("th, td { border: 0.5pt solid #bbb; padding: 2.5pt 4pt; vertical-align: top; text-align: left; }")
			.append("th { background: #f0f5ff; } .num { text-align: center; width: 14%; } .muted { color: #777; }")
			.append(".d0 { font-weight: bold; background: #fafafa; } .d1 { padding-left: 10pt; } .d2 { padding-left: 20pt; } .d3 { padding-left: 30pt; } .d4 { padding-left: 40pt; }")
			.append(".up { color: #389e0d; } .down { color: #cf1322; } .radar { text-align: center; page-break-inside: avoid; }")
			.append("</style></head><body>");
		h.append("<h1>").append(esc(a.title())).append("</h1>");
		h.append("<p class=\"muted\">")
			.append(esc(report.frameworkTitle()))
			.append(" · ")
			.append(t.get("version"))
			.append(' ')
			.append(esc(report.frameworkVersion()))
			.append("</p>");
		h.append("<table>");
		row(h, t.get("scope"), (a.scope().kind() == Assessment.Scope.Kind.ORGANISATION) ? t.get("organisation") : String
			.join(zh ? "、" : ", ", a.scope().systems().stream().map(Assessment.ScopeSystem::name).toList()));
		row(h, t.get("assessors"), String.join(zh ? "、" : ", ", a.assessors()));
		row(h, t.get("reviewer"), a.reviewer());
		row(h, t.get("status"), t.get("status." + a.status().name()));
		if (a.signedOffAt() != null) {
			row(h, t.get("signedOff"), TIME.format(a.signedOffAt()) + " · " + a.signedOffBy());
		}
		row(h, t.get("progress"), report.answered() + " / " + report.total());
		row(h, t.get("generated"), TIME.format(report.generatedAt()));
		h.append("</table>");

		h.append("<h2>")
			.append(t.get("summary"))
			.append("</h2><table><tr><th>")
			.append(t.get("node"))
			.append("</th><th class=\"num\">")
			.append(t.get("level"))
			.append("</th><th class=\"num\">")
			.append(t.get("score"))
			.append("</th></tr>");
		for (NodeResult n : report.nodes()) {
			if (n.depth() > 2) {
				continue;
			}
			h.append("<tr><td class=\"d")
				.append(n.depth())
				.append("\">")
				.append(esc(n.name()))
				.append(" <span class=\"muted\">")
				.append(esc(n.clause()))
				.append("</span></td><td class=\"num\">")
				.append(n.applicable() ? n.level() + " / " + n.maxLevel() : t.get("na"))
				.append("</td><td class=\"num\">")
				.append(n.applicable() ? String.valueOf(n.score()) : "—")
				.append("</td></tr>");
		}
		h.append("</table>");

		for (Radar radar : report.radars()) {
			if (radar.indicators().size() < 3) {
				continue;
			}
			String png = Base64.getEncoder().encodeToString(RadarImage.png(radar.indicators(), awt));
			h.append("<div class=\"radar\"><h3>")
				.append(t.get("radar"))
				.append(" · ")
				.append(esc(radar.title()))
				.append("</h3><img src=\"data:image/png;base64,")
				.append(png)
				.append("\" style=\"width: 120mm; height: 120mm;\" alt=\"radar\" /></div>");
		}

		h.append("<h2>")
			.append(t.get("levels"))
			.append("</h2><table><tr><th>")
			.append(t.get("node"))
			.append("</th><th class=\"num\">")
			.append(t.get("level"))
			.append("</th><th class=\"num\">")
			.append(t.get("answered"))
			.append("</th></tr>");
		for (NodeResult n : report.nodes()) {
			h.append("<tr><td class=\"d")
				.append(Math.min(4, n.depth()))
				.append("\">")
				.append(esc(n.name()))
				.append("</td><td class=\"num\">")
				.append(n.applicable() ? n.level() + " / " + n.maxLevel() : t.get("na"))
				.append("</td><td class=\"num\">")
				.append(n.answered())
				.append(" / ")
				.append(n.total())
				.append("</td></tr>");
		}
		h.append("</table>");

		h.append("<h2>").append(t.get("gaps")).append("</h2>");
		if (report.gaps().isEmpty()) {
			h.append("<p>").append(t.get("noGaps")).append("</p>");
		}
		for (GapGroup group : report.gaps()) {
			h.append("<h3>")
				.append(esc(group.groupName()))
				.append("</h3><table><tr><th style=\"width: 30%\">")
				.append(t.get("node"))
				.append("</th><th>")
				.append(t.get("criteria"))
				.append("</th></tr>");
			for (Gap gap : group.items()) {
				h.append("<tr><td>")
					.append(esc(gap.nodeName()))
					.append("<br/><span class=\"muted\">")
					.append(t.get("level"))
					.append(' ')
					.append(gap.currentLevel())
					.append(" → ")
					.append(gap.targetLevel())
					.append("</span></td><td>");
				criteria(h, gap.criteria(), t);
				h.append("</td></tr>");
			}
			h.append("</table>");
		}

		h.append("<h2>").append(t.get("roadmap")).append("</h2>");
		for (RoadmapPhase phase : report.roadmap()) {
			h.append("<h3>")
				.append(t.get("phase"))
				.append(' ')
				.append(phase.targetLevel())
				.append("</h3><table><tr><th style=\"width: 22%\">")
				.append(t.get("group"))
				.append("</th><th style=\"width: 26%\">")
				.append(t.get("node"))
				.append("</th><th>")
				.append(t.get("criteria"))
				.append("</th></tr>");
			for (RoadmapStep step : phase.steps()) {
				h.append("<tr><td>")
					.append(esc(step.groupName()))
					.append("</td><td>")
					.append(esc(step.nodeName()))
					.append("</td><td>");
				criteria(h, step.criteria(), t);
				h.append("</td></tr>");
			}
			h.append("</table>");
		}

		h.append("<h2>").append(t.get("comparison")).append("</h2>");
		if (report.comparison() == null) {
			h.append("<p>").append(t.get("noPrevious")).append("</p>");
		}
		else {
			h.append("<p>")
				.append(t.get("previous"))
				.append(": ")
				.append(esc(report.comparison().previousTitle()))
				.append(" (")
				.append(TIME.format(report.comparison().previousSignedOffAt()))
				.append(")</p>");
			h.append("<table><tr><th>")
				.append(t.get("node"))
				.append("</th><th class=\"num\">")
				.append(t.get("before"))
				.append("</th><th class=\"num\">")
				.append(t.get("now"))
				.append("</th><th class=\"num\">Δ</th></tr>");
			for (Delta d : report.comparison().deltas()) {
				if (d.depth() > 2 && d.delta() == 0) {
					continue;
				}
				h.append("<tr><td class=\"d")
					.append(Math.min(4, d.depth()))
					.append("\">")
					.append(esc(d.name()))
					.append("</td><td class=\"num\">")
					.append(d.before())
					.append("</td><td class=\"num\">")
					.append(d.now())
					.append("</td><td class=\"num ")
					.append((d.delta() > 0) ? "up" : (d.delta() < 0) ? "down" : "")
					.append("\">")
					.append((d.delta() > 0) ? "+" + d.delta() : String.valueOf(d.delta()))
					.append("</td></tr>");
			}
			h.append("</table>");
		}

		h.append("<h2>").append(t.get("overrides")).append("</h2>");
		if (report.overrides().isEmpty()) {
			h.append("<p>").append(t.get("noOverrides")).append("</p>");
		}
		else {
			h.append("<table><tr><th>")
				.append(t.get("criterion"))
				.append("</th><th>")
				.append(t.get("probe"))
				.append("</th><th>")
				.append(t.get("answer"))
				.append("</th><th>")
				.append(t.get("reason"))
				.append("</th></tr>");
			for (ProbeOverride o : report.overrides()) {
				h.append("<tr><td>")
					.append(esc(o.clause()))
					.append("</td><td>")
					.append(esc(o.probeId()))
					.append(" (")
					.append(esc(String.valueOf(o.probeVerdict())))
					.append(")</td><td>")
					.append(answer(o.answer(), t))
					.append("</td><td>")
					.append(esc(o.reason()))
					.append(" — ")
					.append(esc(o.by()))
					.append("</td></tr>");
			}
			h.append("</table>");
		}
		h.append("</body></html>");
		return h.toString();
	}

	private static void criteria(StringBuilder h, List<GapCriterion> criteria, Map<String, String> t) {
		for (GapCriterion c : criteria) {
			h.append("<div>")
				.append(esc(c.summary()))
				.append(" <span class=\"muted\">")
				.append(esc(c.clause()))
				.append(" · ")
				.append(answer(c.answer(), t))
				.append("</span></div>");
		}
	}

	private static String answer(Answer answer, Map<String, String> t) {
		return (answer == null) ? t.get("unanswered") : t.get("answer." + answer.name());
	}

	private static void row(StringBuilder h, String label, String value) {
		h.append("<tr><th style=\"width: 22%\">")
			.append(esc(label))
			.append("</th><td>")
			.append(esc(value))
			.append("</td></tr>");
	}

	static String esc(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder out = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			switch (c) {
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '&' -> out.append("&amp;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&#39;");
				default -> {
					// XML 1.0 has no place for most control characters
					if (c >= 0x20 || c == '\n' || c == '\t') {
						out.append(c);
					}
				}
			}
		}
		return out.toString();
	}

	private static final Map<String, String> ZH = Map.ofEntries(Map.entry("version", "数据版本"),
			Map.entry("scope", "评估范围"), Map.entry("organisation", "全组织"), Map.entry("assessors", "评估人"),
			Map.entry("reviewer", "复核人"), Map.entry("status", "状态"), Map.entry("status.DRAFT", "草稿"),
			Map.entry("status.IN_REVIEW", "复核中"), Map.entry("status.SIGNED_OFF", "已签署"), Map.entry("signedOff", "签署"),
			Map.entry("progress", "已答标准"), Map.entry("generated", "生成时间"), Map.entry("summary", "成熟度概览"),
			Map.entry("node", "能力"), Map.entry("level", "等级"), Map.entry("score", "平均分"), Map.entry("na", "不适用"),
			Map.entry("radar", "雷达图"), Map.entry("levels", "各能力项等级"), Map.entry("answered", "已答"),
			Map.entry("gaps", "差距清单（下一等级未满足的标准）"), Map.entry("noGaps", "没有差距。"), Map.entry("criteria", "标准"),
			Map.entry("roadmap", "改进路线图"), Map.entry("phase", "阶段：达到等级"), Map.entry("group", "能力域"),
			Map.entry("comparison", "与上次签署评估的对比"), Map.entry("noPrevious", "没有同一框架、同一范围的已签署评估可供对比。"),
			Map.entry("previous", "上次评估"), Map.entry("before", "上次"), Map.entry("now", "本次"),
			Map.entry("overrides", "人工覆盖探针结论"), Map.entry("noOverrides", "没有覆盖探针结论。"), Map.entry("criterion", "标准"),
			Map.entry("probe", "探针"), Map.entry("answer", "评估结论"), Map.entry("reason", "理由"),
			Map.entry("unanswered", "未作答"), Map.entry("answer.MET", "满足"), Map.entry("answer.PARTLY", "部分满足"),
			Map.entry("answer.NOT_MET", "不满足"), Map.entry("answer.NOT_APPLICABLE", "不适用"));

	private static final Map<String, String> EN = Map.ofEntries(Map.entry("version", "data version"),
			Map.entry("scope", "Scope"), Map.entry("organisation", "Whole organisation"),
			Map.entry("assessors", "Assessors"), Map.entry("reviewer", "Reviewer"), Map.entry("status", "Status"),
			Map.entry("status.DRAFT", "Draft"), Map.entry("status.IN_REVIEW", "In review"),
			Map.entry("status.SIGNED_OFF", "Signed off"), Map.entry("signedOff", "Signed off"),
			Map.entry("progress", "Criteria answered"), Map.entry("generated", "Generated"),
			Map.entry("summary", "Maturity overview"), Map.entry("node", "Capability"), Map.entry("level", "Level"),
			Map.entry("score", "Mean score"), Map.entry("na", "n/a"), Map.entry("radar", "Radar"),
			Map.entry("levels", "Levels of every capability"), Map.entry("answered", "Answered"),
			Map.entry("gaps", "Gaps (unmet criteria of the next level)"), Map.entry("noGaps", "No gaps."),
			Map.entry("criteria", "Criteria"), Map.entry("roadmap", "Improvement roadmap"),
			Map.entry("phase", "Phase: reach level"), Map.entry("group", "Domain"),
			Map.entry("comparison", "Comparison with the previous signed-off assessment"),
			Map.entry("noPrevious", "No signed-off assessment of the same framework and scope to compare with."),
			Map.entry("previous", "Previous assessment"), Map.entry("before", "Before"), Map.entry("now", "Now"),
			Map.entry("overrides", "Probe answers overridden by assessors"),
			Map.entry("noOverrides", "No probe answer was overridden."), Map.entry("criterion", "Criterion"),
			Map.entry("probe", "Probe"), Map.entry("answer", "Answer"), Map.entry("reason", "Reason"),
			Map.entry("unanswered", "unanswered"), Map.entry("answer.MET", "met"),
			Map.entry("answer.PARTLY", "partly met"), Map.entry("answer.NOT_MET", "not met"),
			Map.entry("answer.NOT_APPLICABLE", "not applicable"));

}
