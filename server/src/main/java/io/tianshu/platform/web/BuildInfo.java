package io.tianshu.platform.web;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/info} entry {@code tianshu}: version, build time and start time.
 */
@Component
class BuildInfo implements InfoContributor {

	private final BuildProperties build;

	private final Instant startedAt;

	BuildInfo(ObjectProvider<BuildProperties> build, Clock clock) {
		this.build = build.getIfAvailable();
		this.startedAt = clock.instant();
	}

	@Override
	public void contribute(Info.Builder builder) {
		Map<String, Object> tianshu = new LinkedHashMap<>();
		tianshu.put("version", version(this.build));
		if (this.build != null && this.build.getTime() != null) {
			tianshu.put("buildTime", this.build.getTime().toString());
		}
		tianshu.put("startedAt", this.startedAt.toString());
		builder.withDetail("tianshu", tianshu);
	}

	/** The build's version, else the jar manifest's, else {@code development}. */
	static String version(BuildProperties build) {
		if (build != null && build.getVersion() != null) {
			return build.getVersion();
		}
		String manifest = BuildInfo.class.getPackage().getImplementationVersion();
		return (manifest != null) ? manifest : "development";
	}

}
