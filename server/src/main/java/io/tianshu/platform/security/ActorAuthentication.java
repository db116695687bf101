package io.tianshu.platform.security;

import java.util.Collection;
import java.util.List;

import io.tianshu.platform.Actor;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A caller known to Tianshu: the principal is the {@link Actor}, the authorities are
 * exactly its permission strings, empty until the sign-in is {@link Stage#COMPLETE}.
 */
public final class ActorAuthentication extends AbstractAuthenticationToken {

	private final Actor actor;

	private final Stage stage;

	public ActorAuthentication(Actor actor, Stage stage, Collection<String> permissions) {
		super(authorities(stage, permissions));
		this.actor = actor;
		this.stage = stage;
		setAuthenticated(true);
	}

	private static List<GrantedAuthority> authorities(Stage stage, Collection<String> permissions) {
		if (stage != Stage.COMPLETE) {
			return List.of();
		}
		return permissions.stream().<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Actor getPrincipal() {
		return this.actor;
	}

	@Override
	public String getName() {
		return this.actor.name();
	}

	public Stage stage() {
		return this.stage;
	}

	public boolean complete() {
		return this.stage == Stage.COMPLETE;
	}

	@Override
	public boolean equals(Object obj) {
		return super.equals(obj) && obj instanceof ActorAuthentication other && this.stage == other.stage;
	}

	@Override
	public int hashCode() {
		return super.hashCode() * 31 + this.stage.hashCode();
	}

}
