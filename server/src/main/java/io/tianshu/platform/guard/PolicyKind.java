package io.tianshu.platform.guard;

/**
 * What a guard policy checks.
 */
enum PolicyKind {

	/** Allowed or forbidden weekly time windows (变更窗口). */
	WINDOW,
	/** No normal operation during a trading calendar's sessions (开市期间). */
	MARKET_HOURS,
	/** Privileged operations only from listed networks (来源地址白名单). */
	SOURCE_ALLOWLIST

}
