package io.tianshu.platform;

import java.util.List;

/**
 * A module's permissions, declared as a bean so that roles can be checked against every
 * permission Tianshu knows.
 */
@FunctionalInterface
public interface PermissionSet {

	List<PermissionDefinition> permissions();

}
