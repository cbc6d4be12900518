/**
 * The plain-text e-mails of a public subscription: the confirmation (double opt-in) and the
 * notice of a register change. Every link is an ordinary page of the region's public site;
 * none signs anyone in. Pure.
 */

export const CONFIRM_SUBJECT_PREFIX = "[Terrane] Confirm e-mail about the subprocessor register of";

const oneLine = (text: string) => text.replace(/[\r\n\t]+/g, " ").trim();

export interface RegionWords {
  id: string;
  name: string;
}

export function confirmationSubject(region: RegionWords): string {
  return `${CONFIRM_SUBJECT_PREFIX} ${region.id}`;
}

export function confirmationMail(input: { region: RegionWords; confirmUrl: string; unsubscribeUrl: string }): {
  subject: string;
  body: string;
} {
  const { region } = input;
  return {
    subject: confirmationSubject(region),
    body: [
      `Someone, probably you, asked for e-mail about changes to the subprocessor register of ${region.name} (${region.id}).`,
      "",
      "To receive them, open this link and press Confirm:",
      input.confirmUrl,
      "",
      "If you did not ask, ignore this message: nothing is sent until the link is followed.",
      `To stop this address being asked again for now: ${input.unsubscribeUrl}`,
      "",
      "These links do not sign you in to anything.",
    ].join("\n"),
  };
}

export function changeMail(input: {
  region: RegionWords;
  title: string;
  body: string;
  registerUrl: string;
  unsubscribeUrl: string;
}): { subject: string; body: string } {
  return {
    subject: oneLine(`[Terrane ${input.region.id}] ${input.title}`).slice(0, 250),
    body: [
      input.title,
      "",
      input.body,
      "",
      `The register of ${input.region.name} (${input.region.id}): ${input.registerUrl}`,
      "",
      "You receive this because you confirmed e-mail about this register.",
      `Unsubscribe (one click, no sign-in): ${input.unsubscribeUrl}`,
    ].join("\n"),
  };
}
