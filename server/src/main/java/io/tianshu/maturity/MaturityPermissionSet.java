package io.tianshu.maturity;

import java.util.List;

import io.tianshu.platform.PermissionDefinition;
import io.tianshu.platform.PermissionSet;

import org.springframework.stereotype.Component;

/** Declares {@link MaturityPermissions} to the platform. */
@Component
class MaturityPermissionSet implements PermissionSet {

	@Override
	public List<PermissionDefinition> permissions() {
		return MaturityPermissions.all();
	}

}
