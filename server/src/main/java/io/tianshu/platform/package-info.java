/**
 * The platform every other module stands on: identity and access, the audit trail,
 * calendars and the operation guard, the secrets vault, the database and the API
 * conventions.
 */
@ApplicationModule(displayName = "Platform")
package io.tianshu.platform;

import org.springframework.modulith.ApplicationModule;
