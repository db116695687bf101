package io.tianshu.event.stream;

import java.io.IOException;
import java.util.Collection;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.tianshu.event.AlertOpened;
import io.tianshu.event.AlertResolved;
import io.tianshu.event.Alerts;
import io.tianshu.event.AlertsChanged;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.TianshuException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Feeds the {@link AlertStream} from the event center's events. Plain (synchronous)
 * listeners that act after the publishing transaction commits, so the stream never shows
 * an alert that was rolled back and the intake writes no event publication for it.
 */
@Component
class AlertStreamListener implements SmartLifecycle {

	private final AlertStream stream;

	AlertStreamListener(Alerts alerts, Authorization authorization, JsonMapper json, MeterRegistry registry) {
		this.stream = new AlertStream(AlertStream.Settings.defaults(), (id) -> {
			try {
				return json.writeValueAsString(authorization.runAsSystem(() -> alerts.get(id)));
			}
			catch (TianshuException ex) {
				// deleted by retention meanwhile
				return null;
			}
		}, registry);
	}

	/**
	 * A Server-Sent Events response for one client, lasting at most the stream's
	 * connection time.
	 */
	SseEmitter connect(String user, String lastEventId) {
		SseEmitter emitter = new SseEmitter(this.stream.settings().maxConnection().toMillis());
		AlertStream.Subscription subscription = this.stream.subscribe(user, lastEventId, new AlertStream.Sink() {
			@Override
			public void send(AlertStream.Frame frame) throws IOException {
				if (frame == AlertStream.Frame.HEARTBEAT) {
					emitter.send(SseEmitter.event().comment("heartbeat"));
					return;
				}
				SseEmitter.SseEventBuilder event = SseEmitter.event()
					.name(frame.name())
					.data(frame.data(), MediaType.APPLICATION_JSON);
				if (frame.id() != null) {
					event.id(frame.id());
				}
				if (AlertStream.READY.equals(frame.name())) {
					event.reconnectTime(3000);
				}
				emitter.send(event);
			}

			@Override
			public void close() {
				emitter.complete();
			}
		});
		emitter.onCompletion(subscription::close);
		emitter.onTimeout(() -> {
			subscription.close();
			emitter.complete();
		});
		emitter.onError((ex) -> subscription.close());
		return emitter;
	}

	@EventListener
	void on(AlertOpened event) {
		afterCommit(List.of(event.alertId()), AlertStream.OPENED);
	}

	@EventListener
	void on(AlertResolved event) {
		afterCommit(List.of(event.alertId()), AlertStream.RESOLVED);
	}

	@EventListener
	void on(AlertsChanged event) {
		afterCommit(event.alertIds(), AlertStream.UPDATED);
	}

	private void afterCommit(Collection<Long> alertIds, String kind) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					alertIds.forEach((id) -> AlertStreamListener.this.stream.changed(id, kind));
				}
			});
		}
		else {
			alertIds.forEach((id) -> this.stream.changed(id, kind));
		}
	}

	@Override
	public void start() {
		this.stream.start();
	}

	@Override
	public void stop() {
		this.stream.stop();
	}

	@Override
	public boolean isRunning() {
		return this.stream.running();
	}

}
