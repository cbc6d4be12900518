/**
 * What the subscription page says for a link and the state it found. Pure: the page renders
 * it and tests read it.
 */
export type LinkKind = "confirm" | "unsubscribe";
export type LinkState = "unknown" | "pending" | "confirmed" | "unsubscribed";

export interface PageWords {
  heading: string;
  text: string;
  /** Whether the page offers the link's button. */
  action: boolean;
}

export function subscriptionPageWords(kind: LinkKind | null, state: LinkState, regionName: string): PageWords {
  const register = `the subprocessor register of ${regionName}`;
  if (!kind)
    return {
      heading: "E-mail about the subprocessor register",
      text: "This page confirms or ends e-mail about the register. Open it from the link in your e-mail; to subscribe, use the form on the trust page.",
      action: false,
    };
  if (state === "unknown")
    return {
      heading: "This link is not known here",
      text: "It may be cut short, from another region's e-mail, or replaced by a newer confirmation e-mail. Nothing was changed.",
      action: false,
    };
  if (kind === "confirm") {
    if (state === "pending")
      return {
        heading: "Confirm your subscription",
        text: `Receive an e-mail whenever ${register} changes.`,
        action: true,
      };
    if (state === "confirmed")
      return {
        heading: "Already confirmed",
        text: `This address receives e-mail about ${register}. Every e-mail has a link to stop it.`,
        action: false,
      };
    return {
      heading: "This address unsubscribed",
      text: "It unsubscribed after this link was sent. To receive e-mail again, subscribe on the trust page.",
      action: false,
    };
  }
  if (state === "unsubscribed")
    return {
      heading: "Already unsubscribed",
      text: `No e-mail about ${register} goes to this address.`,
      action: false,
    };
  return {
    heading: "Stop e-mail about the register",
    text: `No more e-mail about ${register} will go to this address.`,
    action: true,
  };
}
