package io.tianshu.platform;

/**
 * A permission a module defines, with how the console names it.
 */
public record PermissionDefinition(String name, String descriptionZh, String descriptionEn) {
}
