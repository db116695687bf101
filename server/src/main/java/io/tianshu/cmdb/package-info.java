/**
 * The CMDB (配置管理数据库): models (CI types) defined at run time with versions, configuration
 * items with identity, lifecycle and history, relations and topology. The base package is
 * the module's API: {@link io.tianshu.cmdb.CiModels},
 * {@link io.tianshu.cmdb.ConfigurationItems}, {@link io.tianshu.cmdb.CiRelations},
 * {@link io.tianshu.cmdb.Topology} and the events {@link io.tianshu.cmdb.CiChanged} and
 * {@link io.tianshu.cmdb.RelationChanged}.
 */
@ApplicationModule(displayName = "CMDB", allowedDependencies = { "platform", "platform :: web" })
package io.tianshu.cmdb;

import org.springframework.modulith.ApplicationModule;
