package io.tianshu.event.ingest;

import java.util.List;

import io.tianshu.event.IntegrationInfo;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A request authenticated by an integration's token: the integration is the caller. */
class IntegrationAuthentication extends AbstractAuthenticationToken {

	private final IntegrationInfo integration;

	IntegrationAuthentication(IntegrationInfo integration) {
		super(List.of());
		this.integration = integration;
		setAuthenticated(true);
	}

	IntegrationInfo integration() {
		return this.integration;
	}

	@Override
	public Object getCredentials() {
		return null;
	}

	@Override
	public Object getPrincipal() {
		return "integration:" + this.integration.name();
	}

}
