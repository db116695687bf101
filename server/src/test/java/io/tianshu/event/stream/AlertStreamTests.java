package io.tianshu.event.stream;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The stream's fan-out, buffers, resume and heartbeats, without a server. */
class AlertStreamTests {

	private AlertStream stream;

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void stop() {
		this.release.countDown();
		if (this.stream != null) {
			this.stream.stop();
		}
	}

	private AlertStream start(int buffer, int maxPerTick, Duration heartbeat) {
		this.stream = new AlertStream(new AlertStream.Settings(Duration.ofMillis(20), heartbeat, Duration.ofMinutes(1),
				buffer, 100, maxPerTick, 2), (id) -> (id == 404) ? null : "{\"id\":" + id + "}",
				new SimpleMeterRegistry());
		this.stream.start();
		return this.stream;
	}

	@Test
	void sendsReadyThenNumberedAlertEventsAndCoalescesATick() {
		AlertStream s = start(16, 100, Duration.ofMinutes(1));
		Recorder client = new Recorder();
		s.subscribe("ana", null, client);
		await().until(() -> client.names().contains(AlertStream.READY));
		s.changed(1, AlertStream.OPENED);
		s.changed(1, AlertStream.UPDATED);
		s.changed(2, AlertStream.UPDATED);
		s.changed(404, AlertStream.UPDATED);
		await().until(() -> client.frames.size() >= 3);
		assertThat(client.names()).containsExactly(AlertStream.READY, AlertStream.OPENED, AlertStream.UPDATED);
		assertThat(client.frames.get(1).data()).isEqualTo("{\"type\":\"alert.opened\",\"alert\":{\"id\":1}}");
		assertThat(client.frames.get(0).id()).isNull();
		assertThat(client.frames.get(1).id()).endsWith(".1");
		assertThat(client.frames.get(2).id()).endsWith(".2");
	}

	@Test
	void aSlowClientIsDroppedWithoutHoldingUpTheOthers() {
		AlertStream s = start(4, 100, Duration.ofMinutes(1));
		Recorder slow = new Recorder();
		slow.blockAfterReady = true;
		Recorder fast = new Recorder();
		s.subscribe("slow", null, slow);
		s.subscribe("fast", null, fast);
		// in rounds the fast client keeps up with (every buffer holds 4 here)
		for (int round = 0; round < 4; round++) {
			for (int i = 1; i <= 3; i++) {
				s.changed(round * 3 + i, AlertStream.OPENED);
			}
			int expected = 1 + 3 * (round + 1);
			await().until(() -> fast.frames.size() == expected);
		}
		assertThat(slow.closed).isTrue();
		assertThat(s.clientCount()).isEqualTo(1);
		s.changed(100, AlertStream.RESOLVED);
		await().until(() -> fast.frames.size() == 14);
		assertThat(fast.closed).isFalse();
	}

	@Test
	void resumesFromLastEventIdOrResetsWhenItCannot() {
		AlertStream s = start(16, 100, Duration.ofMinutes(1));
		Recorder first = new Recorder();
		AlertStream.Subscription subscription = s.subscribe("ana", null, first);
		for (int i = 1; i <= 3; i++) {
			s.changed(i, AlertStream.OPENED);
			int expected = i + 1;
			await().until(() -> first.frames.size() == expected);
		}
		String afterFirst = first.frames.get(1).id();
		Recorder resumed = new Recorder();
		AlertStream.Subscription second = s.subscribe("bo", afterFirst, resumed);
		await().until(() -> resumed.frames.size() == 3);
		assertThat(resumed.frames.get(0).data()).contains("\"resumed\":true");
		assertThat(resumed.frames.subList(1, 3)).extracting(AlertStream.Frame::id)
			.containsExactly(first.frames.get(2).id(), first.frames.get(3).id());

		Recorder stranger = new Recorder();
		AlertStream.Subscription third = s.subscribe("cy", "0000.7", stranger);
		await().until(() -> stranger.frames.size() == 2);
		assertThat(stranger.names()).containsExactly(AlertStream.READY, AlertStream.RESET);

		// everybody leaves; what happens meanwhile is not kept, so a resume resets
		subscription.close();
		second.close();
		third.close();
		assertThat(s.clientCount()).isZero();
		s.changed(9, AlertStream.OPENED);
		Recorder late = new Recorder();
		s.subscribe("ana", first.frames.get(3).id(), late);
		await().until(() -> late.frames.size() == 2);
		assertThat(late.names()).containsExactly(AlertStream.READY, AlertStream.RESET);
	}

	@Test
	void tooManyChangesInOneTickResetTheClients() {
		AlertStream s = start(16, 3, Duration.ofMinutes(1));
		Recorder client = new Recorder();
		s.subscribe("ana", null, client);
		for (int i = 1; i <= 5; i++) {
			s.changed(i, AlertStream.UPDATED);
		}
		await().until(() -> client.names().contains(AlertStream.RESET));
		assertThat(client.names()).doesNotContain(AlertStream.UPDATED);
	}

	@Test
	void heartbeatsKeepTheConnectionAndUsersHaveFewConnections() {
		AlertStream s = start(16, 100, Duration.ofMillis(100));
		Recorder one = new Recorder();
		Recorder two = new Recorder();
		Recorder three = new Recorder();
		s.subscribe("ana", null, one);
		s.subscribe("ana", null, two);
		await().until(() -> one.frames.contains(AlertStream.Frame.HEARTBEAT));
		s.subscribe("ana", null, three);
		// at most two per user in these settings: the oldest is closed
		assertThat(one.closed).isTrue();
		assertThat(two.closed).isFalse();
		assertThat(s.clientCount()).isEqualTo(2);
	}

	/** Records what it is sent; optionally blocks after {@code ready}. */
	private final class Recorder implements AlertStream.Sink {

		final List<AlertStream.Frame> frames = new CopyOnWriteArrayList<>();

		volatile boolean blockAfterReady;

		volatile boolean closed;

		private final AtomicBoolean blocked = new AtomicBoolean();

		@Override
		public void send(AlertStream.Frame frame) {
			this.frames.add(frame);
			if (this.blockAfterReady && this.blocked.compareAndSet(false, true)) {
				try {
					AlertStreamTests.this.release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

		@Override
		public void close() {
			this.closed = true;
		}

		List<String> names() {
			return this.frames.stream()
				.filter((f) -> f != AlertStream.Frame.HEARTBEAT)
				.map(AlertStream.Frame::name)
				.toList();
		}

	}

}
