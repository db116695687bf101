package io.tianshu.platform.guard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import io.tianshu.platform.BusinessCalendar;
import io.tianshu.platform.CalendarKind;
import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.GuardDecision;
import io.tianshu.platform.GuardDecision.Verdict;
import io.tianshu.platform.GuardReason;
import io.tianshu.platform.GuardRequest;
import io.tianshu.platform.OperationRisk;
import io.tianshu.platform.TradingSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyEvaluatorTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private static final BusinessCalendar MARKET = BusinessCalendar.builder("CN-A", CalendarKind.TRADING, SHANGHAI)
		.sessions(List.of(new TradingSession("call-auction", LocalTime.of(9, 15), LocalTime.of(9, 25)),
				new TradingSession("continuous-morning", LocalTime.of(9, 30), LocalTime.of(11, 30)),
				new TradingSession("continuous-afternoon", LocalTime.of(13, 0), LocalTime.of(15, 0))))
		.holiday(LocalDate.of(2025, 10, 1), "国庆节")
		.makeUpWorkday(LocalDate.of(2025, 9, 28))
		.build();

	private static final Function<String, Optional<BusinessCalendar>> CALENDARS = (code) -> code.equals("CN-A")
			? Optional.of(MARKET) : Optional.empty();

	private static Instant at(String local) {
		return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
	}

	private static GuardPolicy policy(String name, PolicyKind kind, List<String> environments,
			List<String> operationKinds, Map<String, Object> config) {
		return new GuardPolicy(UUID.randomUUID(), name, kind, true, environments, operationKinds, config, null);
	}

	private static final GuardPolicy MARKET_HOURS = policy("market", PolicyKind.MARKET_HOURS, List.of("prod"),
			List.of(), Map.of("calendar", "CN-A"));

	private static final GuardPolicy WEEKEND_WINDOW = policy("window", PolicyKind.WINDOW, List.of("prod"),
			List.of("delivery.*"), Map.of("mode", "ALLOW", "windows",
					List.of(Map.of("days", List.of("SAT"), "start", "00:00", "end", "06:00"))));

	private static final GuardPolicy ALLOWLIST = policy("bastion", PolicyKind.SOURCE_ALLOWLIST, List.of(),
			List.of("automation.job.run"), Map.of("cidrs", List.of("10.20.0.0/16", "fd00::/8"), "minRisk", "HIGH"));

	private static GuardDecision decide(GuardRequest request, GuardPolicy... policies) {
		return PolicyEvaluator.decide(List.of(policies), request, request.at(), CALENDARS);
	}

	private static GuardRequest job(String env, String local) {
		return GuardRequest.of("automation.job.run", env, "trading-core", OperationRisk.MEDIUM).at(at(local));
	}

	@Test
	void noMatchingPolicyAllows() {
		assertThat(decide(job("prod", "2025-10-09T10:00")).decision()).isEqualTo(Verdict.ALLOW);
		assertThat(decide(job("uat", "2025-10-09T10:00"), MARKET_HOURS).decision()).isEqualTo(Verdict.ALLOW);
	}

	@Test
	void marketHoursDenyDuringSessions() {
		GuardDecision decision = decide(job("prod", "2025-10-09T10:00"), MARKET_HOURS);
		assertThat(decision.decision()).isEqualTo(Verdict.DENY);
		assertThat(decision.reasons()).extracting(GuardReason::policyName, GuardReason::code)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("market", "guard.market-hours.in-session"));
		assertThat(decide(job("prod", "2025-10-09T09:20"), MARKET_HOURS).denied()).isTrue();
		// lunch break, after the close, a holiday and a Sunday make-up workday are not
		// market hours
		assertThat(decide(job("prod", "2025-10-09T12:00"), MARKET_HOURS).allowed()).isTrue();
		assertThat(decide(job("prod", "2025-10-09T15:00"), MARKET_HOURS).allowed()).isTrue();
		assertThat(decide(job("prod", "2025-10-01T10:00"), MARKET_HOURS).allowed()).isTrue();
		assertThat(decide(job("prod", "2025-09-28T10:00"), MARKET_HOURS).allowed()).isTrue();
	}

	@Test
	void justifiedEmergencyDuringMarketHoursNeedsApproval() {
		GuardDecision decision = decide(job("prod", "2025-10-09T10:00").asEmergency("P1 incident INC-42"),
				MARKET_HOURS);
		assertThat(decision.decision()).isEqualTo(Verdict.REQUIRE_APPROVAL);
		assertThat(decision.reasons().get(0).code()).isEqualTo("guard.market-hours.emergency-approval");
		GuardDecision noReason = decide(job("prod", "2025-10-09T10:00").asEmergency("  "), MARKET_HOURS);
		assertThat(noReason.decision()).isEqualTo(Verdict.DENY);
		assertThat(noReason.reasons().get(0).code()).isEqualTo("guard.emergency.reason-required");
	}

	@Test
	void marketHoursRespectRiskThresholdSessionsAndMargin() {
		GuardPolicy highOnly = policy("high", PolicyKind.MARKET_HOURS, List.of(), List.of(),
				Map.of("calendar", "CN-A", "minRisk", "HIGH"));
		assertThat(decide(job("prod", "2025-10-09T10:00"), highOnly).allowed()).isTrue();
		GuardPolicy continuousWithMargin = policy("margin", PolicyKind.MARKET_HOURS, List.of(), List.of(),
				Map.of("calendar", "CN-A", "sessions", List.of("continuous-afternoon"), "marginMinutes", 15));
		assertThat(decide(job("prod", "2025-10-09T10:00"), continuousWithMargin).allowed()).isTrue();
		assertThat(decide(job("prod", "2025-10-09T12:50"), continuousWithMargin).denied()).isTrue();
		assertThat(decide(job("prod", "2025-10-09T15:14"), continuousWithMargin).denied()).isTrue();
		assertThat(decide(job("prod", "2025-10-09T15:15"), continuousWithMargin).allowed()).isTrue();
	}

	@Test
	void allowWindowDeniesOutsideAndOnlyMatchingOperations() {
		GuardRequest deploySaturday = GuardRequest.of("delivery.deployment.run", "prod", null, OperationRisk.HIGH)
			.at(at("2025-10-11T02:00"));
		assertThat(decide(deploySaturday, WEEKEND_WINDOW).allowed()).isTrue();
		GuardRequest deployFriday = deploySaturday.at(at("2025-10-10T02:00"));
		GuardDecision decision = decide(deployFriday, WEEKEND_WINDOW);
		assertThat(decision.denied()).isTrue();
		assertThat(decision.reasons().get(0).code()).isEqualTo("guard.window.outside");
		assertThat(decide(deploySaturday.at(at("2025-10-11T06:00")), WEEKEND_WINDOW).denied()).isTrue();
		// another operation kind is not governed by this window
		assertThat(decide(job("prod", "2025-10-10T02:00"), WEEKEND_WINDOW).allowed()).isTrue();
		assertThat(decide(deployFriday.asEmergency("hotfix"), WEEKEND_WINDOW).requiresApproval()).isTrue();
	}

	@Test
	void forbidWindowAcrossMidnightAndOnCalendarDays() {
		GuardPolicy nightly = policy("batch", PolicyKind.WINDOW, List.of(), List.of(), Map.of("mode", "FORBID",
				"allowEmergency", false, "windows", List.of(Map.of("start", "22:00", "end", "02:00"))));
		assertThat(decide(job("prod", "2025-10-09T23:30"), nightly).denied()).isTrue();
		assertThat(decide(job("prod", "2025-10-10T01:59"), nightly).denied()).isTrue();
		assertThat(decide(job("prod", "2025-10-10T02:00"), nightly).allowed()).isTrue();
		assertThat(decide(job("prod", "2025-10-10T01:00").asEmergency("incident"), nightly).denied()).isTrue();
		GuardPolicy tradingDays = policy("trading-days", PolicyKind.WINDOW, List.of(), List.of(),
				Map.of("mode", "FORBID", "calendar", "CN-A", "windows",
						List.of(Map.of("start", "08:00", "end", "16:00", "dayType", "TRADING_DAY"))));
		assertThat(decide(job("prod", "2025-10-09T08:30"), tradingDays).denied()).isTrue();
		assertThat(decide(job("prod", "2025-09-28T08:30"), tradingDays).allowed()).isTrue();
	}

	@Test
	void sourceAllowlistGuardsPrivilegedOperations() {
		GuardRequest critical = GuardRequest.of("automation.job.run", "prod", null, OperationRisk.CRITICAL)
			.at(at("2025-10-11T02:00"));
		assertThat(decide(critical.from("10.20.3.4"), ALLOWLIST).allowed()).isTrue();
		assertThat(decide(critical.from("fd12::1"), ALLOWLIST).allowed()).isTrue();
		GuardDecision outside = decide(critical.from("192.168.1.9"), ALLOWLIST);
		assertThat(outside.denied()).isTrue();
		assertThat(outside.reasons().get(0).code()).isEqualTo("guard.source.not-allowed");
		assertThat(decide(critical, ALLOWLIST).reasons().get(0).code()).isEqualTo("guard.source.unknown");
		// an emergency does not open the allow-list; a lower risk is not privileged
		assertThat(decide(critical.from("192.168.1.9").asEmergency("incident"), ALLOWLIST).denied()).isTrue();
		assertThat(decide(job("prod", "2025-10-11T02:00").from("192.168.1.9"), ALLOWLIST).allowed()).isTrue();
	}

	@Test
	void denyBeatsApprovalBeatsAllow() {
		GuardRequest emergency = GuardRequest.of("automation.job.run", "prod", null, OperationRisk.CRITICAL)
			.at(at("2025-10-09T10:00"))
			.asEmergency("P1");
		GuardDecision approval = decide(emergency.from("10.20.0.1"), MARKET_HOURS, ALLOWLIST);
		assertThat(approval.decision()).isEqualTo(Verdict.REQUIRE_APPROVAL);
		assertThat(approval.reasons()).hasSize(1);
		GuardDecision deny = decide(emergency.from("172.16.0.1"), MARKET_HOURS, ALLOWLIST);
		assertThat(deny.decision()).isEqualTo(Verdict.DENY);
		assertThat(deny.reasons()).extracting(GuardReason::code)
			.containsExactly("guard.source.not-allowed", "guard.market-hours.emergency-approval");
	}

	@Test
	void aPolicyWhoseCalendarIsGoneDenies() {
		GuardPolicy broken = policy("broken", PolicyKind.MARKET_HOURS, List.of(), List.of(),
				Map.of("calendar", "HK-MAIN"));
		GuardDecision decision = decide(job("prod", "2025-10-11T02:00"), broken);
		assertThat(decision.denied()).isTrue();
		assertThat(decision.reasons().get(0).code()).isEqualTo("guard.policy.broken");
	}

	@Test
	void disabledPoliciesDoNothing() {
		GuardPolicy off = new GuardPolicy(UUID.randomUUID(), "off", PolicyKind.MARKET_HOURS, false, List.of(),
				List.of(), Map.of("calendar", "CN-A"), null);
		assertThat(decide(job("prod", "2025-10-09T10:00"), off).allowed()).isTrue();
	}

	@Test
	void validationNamesEveryBadField() {
		List<FieldViolation> violations = new ArrayList<>();
		PolicyRules.compile(PolicyKind.WINDOW,
				Map.of("mode", "MAYBE", "timeZone", "Mars/Base", "windows", List
					.of(Map.of("days", List.of("FUNDAY"), "start", "25:00", "end", "06:00", "dayType", "WORKDAY"))),
				CALENDARS, violations);
		assertThat(violations).extracting(FieldViolation::field)
			.containsExactly("config.mode", "config.timeZone", "config.windows[0].days[0]", "config.windows[0].start",
					"config.windows[0].dayType");
		violations.clear();
		PolicyRules.compile(PolicyKind.SOURCE_ALLOWLIST, Map.of("cidrs", List.of("10.0.0.0/33", "example.com")),
				CALENDARS, violations);
		assertThat(violations).extracting(FieldViolation::code)
			.containsExactly("guard.policy.cidr-invalid", "guard.policy.cidr-invalid");
		violations.clear();
		PolicyRules.compile(PolicyKind.MARKET_HOURS, Map.of("sessions", List.of("night")), CALENDARS, violations);
		assertThat(violations).extracting(FieldViolation::field).containsExactly("config.calendar");
	}

}
