package io.tianshu.cmdb;

/**
 * A group of models in the console's model tree (模型分组): business, application, PaaS,
 * IaaS, facility, or one an administrator adds.
 */
public record ModelGroup(String code, String name, String nameEn, int sortOrder) {
}
