/**
 * Identity and access (身份与访问): local users, password policy and lockout, the sign-in flow
 * with TOTP, API tokens, roles as permission sets with scopes and separation of duties,
 * departments and teams.
 */
package io.tianshu.platform.identity;
