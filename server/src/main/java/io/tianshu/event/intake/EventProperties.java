package io.tianshu.event.intake;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the event center ({@code tianshu.event.*}).
 *
 * @param retention how long alerts, their timelines and raw events are kept; whole
 * monthly partitions older than this are dropped (default 400 days)
 * @param maxBodySize largest ingest request body (never more than
 * {@code tianshu.api.max-body-size}, which applies first)
 * @param pagerdutyMaxBodySize largest PagerDuty event (PagerDuty's own limit: 512 KB)
 * @param maxFuture timestamps further in the future than this are rejected
 * @param maxLabels most labels per alert
 * @param maxLabelNameLength longest label name
 * @param maxLabelValueLength longest label or annotation value
 * @param maxAlertsPerRequest most alerts in one request
 * @param ackTimeout how long an ingest request waits for its commit before answering 503
 * @param writers intake writer threads; signals are spread over them by key (integration
 * and fingerprint), so each key is written by one writer in arrival order and writers
 * never contend for a row
 * @param batchSize most signals in one intake transaction of one writer
 * @param linger how long the writer waits for more submissions before committing a batch
 * that is not full (0: commit what is queued at once; batches still form while a commit
 * runs)
 * @param queueCapacity most signals waiting for the writer; beyond it submissions are
 * refused (503) instead of queueing without bound
 * @param reopenWindow a resolved alert firing again within this reopens; later it is a
 * new alert
 * @param flapThreshold more firing/resolved changes than this within {@code flapWindow}
 * mark the alert flapping
 * @param flapWindow the flapping window
 * @param resolveTimeout Alertmanager's {@code resolve_timeout}: an alert posted to
 * {@code /api/v2/alerts} without {@code endsAt} resolves if not re-sent within it
 * @param resendFold how long re-sends of unchanged alerts stay journaled before they are
 * folded into the alerts (last seen, duplicates, resolve timeout) and raw events; every
 * re-send of an alert within it becomes one update and one raw event row; zero folds each
 * batch before it is acknowledged
 */
@ConfigurationProperties("tianshu.event")
public record EventProperties(@DefaultValue("400d") Duration retention, @DefaultValue("1MB") DataSize maxBodySize,
		@DefaultValue("512KB") DataSize pagerdutyMaxBodySize, @DefaultValue("1h") Duration maxFuture,
		@DefaultValue("64") int maxLabels, @DefaultValue("128") int maxLabelNameLength,
		@DefaultValue("2048") int maxLabelValueLength, @DefaultValue("10000") int maxAlertsPerRequest,
		@DefaultValue("10s") Duration ackTimeout, @DefaultValue("1") int writers, @DefaultValue("2000") int batchSize,
		@DefaultValue("1ms") Duration linger, @DefaultValue("200000") int queueCapacity,
		@DefaultValue("5m") Duration reopenWindow, @DefaultValue("4") int flapThreshold,
		@DefaultValue("30m") Duration flapWindow, @DefaultValue("5m") Duration resolveTimeout,
		@DefaultValue("2s") Duration resendFold) {

}
