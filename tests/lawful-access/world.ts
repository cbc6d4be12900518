/** A request body the lawful-access tests start from (a court order about northwind-eu, received ten days ago). */
type Json = Record<string, unknown>;

export const DAY = 86_400_000;

export const lawfulRequest = (over: Json = {}): Json => ({
  authority: "Bundeskriminalamt",
  jurisdiction: "DE",
  legal_instrument: "Production order, AG Frankfurt 12 Gs 345/26",
  kind: "court_order",
  data_classes: ["customer_pii"],
  tenants: ["northwind-eu"],
  summary: "Account records of two named users.",
  received_at: new Date(Date.now() - 10 * DAY).toISOString(),
  response_due_at: new Date(Date.now() + 5 * DAY).toISOString(),
  notification: { state: "not_yet_notified" },
  ...over,
});
