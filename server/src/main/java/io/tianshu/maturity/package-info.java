/**
 * The maturity engine (成熟度评估): the three source documents as versioned data
 * ({@link io.tianshu.maturity.Frameworks}), assessments with evidence, probes that read
 * Tianshu's own records as automatic evidence, and reports.
 */
@ApplicationModule(displayName = "Maturity", allowedDependencies = { "platform", "platform :: web", "cmdb", "event" })
package io.tianshu.maturity;

import org.springframework.modulith.ApplicationModule;
