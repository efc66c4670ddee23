package io.stagegate.model.domain;

import java.util.Set;

/**
 * Before MARKETING_QUALIFIED, a lead whose role is in {@code roles} (or, with
 * {@code technical}, any technical role) must also satisfy the named {@code requires} criterion.
 */
public record RoleGate(String name, Set<String> roles, boolean technical, String requires) {
}
