export const TENANT_ROLES = ["customer_admin", "customer_viewer", "auditor"] as const;
export const PROVIDER_ROLES = ["compliance_officer", "support_engineer", "provider_admin"] as const;
export const ROLES = [...TENANT_ROLES, ...PROVIDER_ROLES] as const;

export type TenantRoleName = (typeof TENANT_ROLES)[number];
export type ProviderRoleName = (typeof PROVIDER_ROLES)[number];
export type RoleName = (typeof ROLES)[number];

export const ROLE_LABELS: Record<RoleName, string> = {
  customer_admin: "Customer admin",
  customer_viewer: "Customer viewer",
  auditor: "Auditor",
  compliance_officer: "Compliance officer",
  support_engineer: "Support engineer",
  provider_admin: "Provider admin",
};

export function isProviderRole(role: string): role is ProviderRoleName {
  return (PROVIDER_ROLES as readonly string[]).includes(role);
}
