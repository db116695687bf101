/**
 * The platform's HTTP conventions. Other modules may use this package's public types (the
 * current request's id and address, problem details), exposed as the named interface
 * {@code platform :: web}.
 */
@NamedInterface("web")
package io.tianshu.platform.web;

import org.springframework.modulith.NamedInterface;
