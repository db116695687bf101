package io.tianshu.event.listen;

import java.util.List;

import io.tianshu.event.EventPermissions;
import io.tianshu.platform.RequiresPermission;
import io.tianshu.platform.TianshuException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The syslog and SNMP trap listeners' state (监听状态) for the integrations page:
 * {@code /api/v1/events/listeners}. Reading it needs the permission that manages
 * integrations, as their statistics do.
 */
@RestController
@RequestMapping("/api/v1/events/listeners")
@RequiresPermission(EventPermissions.INTEGRATION_MANAGE)
class ListenerController {

	private final SignalListeners listeners;

	ListenerController(SignalListeners listeners) {
		this.listeners = listeners;
	}

	/** Both listeners, {@code syslog} then {@code snmp}, enabled or not. */
	@GetMapping
	List<ListenerStatus> listeners() {
		return this.listeners.status();
	}

	/**
	 * One listener: {@code syslog} or {@code snmp}; anything else is answered 404
	 * {@code event.listener.not-found}.
	 */
	@GetMapping("/{protocol}")
	ListenerStatus listener(@PathVariable String protocol) {
		return this.listeners.status(protocol)
			.orElseThrow(() -> TianshuException.notFound("event.listener.not-found",
					"No such listener; there are syslog and snmp"));
	}

}
