package io.tianshu.event.stream;

import io.tianshu.event.EventPermissions;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.RequiresPermission;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live alert list (实时告警推送): {@code GET /api/v1/events/stream} as Server-Sent Events.
 * Events: {@code ready} (first, {@code {resumed, heartbeatSeconds}}),
 * {@code alert.opened}, {@code alert.updated}, {@code alert.resolved} (each {@code {type,
 * alert}} with the alert as {@code GET /api/v1/events/alerts/{id}} shows it, and an id
 * for {@code Last-Event-ID}), {@code reset} ({@code {reason}}: reload the list, events
 * were missed); a {@code :heartbeat} comment every 15 seconds. A connection lasts at most
 * 10 minutes; EventSource reconnects by itself and resumes.
 */
@RestController
class AlertStreamController {

	private final AlertStreamListener stream;

	private final Authorization authorization;

	AlertStreamController(AlertStreamListener stream, Authorization authorization) {
		this.stream = stream;
		this.authorization = authorization;
	}

	@GetMapping(path = "/api/v1/events/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@RequiresPermission(EventPermissions.ALERT_READ)
	SseEmitter stream(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
		return this.stream.connect(this.authorization.currentActor().name(), lastEventId);
	}

}
