package io.tianshu.cmdb;

import java.util.List;

import io.tianshu.platform.PermissionDefinition;
import io.tianshu.platform.PermissionSet;

import org.springframework.stereotype.Component;

/** Declares the CMDB's permissions to the platform. */
@Component
class CmdbPermissionSet implements PermissionSet {

	@Override
	public List<PermissionDefinition> permissions() {
		return CmdbPermissions.all();
	}

}
