package io.tianshu.cmdb;

/**
 * A kind of relation (关系类型) with how it reads in each direction: {@code host runs_on ...}
 * "运行于" / "运行着".
 *
 * @param code stable key ({@code runs_on})
 * @param forwardLabel how the source sees the target
 * @param reverseLabel how the target sees the source
 * @param acyclic whether relations of this type may not form a cycle (containment)
 * @param builtIn whether Tianshu ships it
 */
public record RelationType(String code, String forwardLabel, String reverseLabel, boolean acyclic, boolean builtIn) {
}
