package io.tianshu.event;

import java.util.List;

import io.tianshu.platform.PermissionDefinition;
import io.tianshu.platform.PermissionSet;

import org.springframework.stereotype.Component;

/** Declares the event center's permissions to the platform. */
@Component
class EventPermissionSet implements PermissionSet {

	@Override
	public List<PermissionDefinition> permissions() {
		return EventPermissions.all();
	}

}
