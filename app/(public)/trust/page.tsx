import type { Metadata } from "next";
import { connection } from "next/server";
import { trustPage } from "@/modules/subprocessors/server/trust-page";
import { SubscribeForm } from "@/modules/subprocessors/ui/subscribe-form";
import { TrustView } from "@/modules/subprocessors/ui/trust-view";

export const metadata: Metadata = {
  title: "Trust",
  description:
    "The region's jurisdiction, subprocessors and upcoming changes, public keys and signed audit checkpoint.",
  alternates: {
    types: { "application/atom+xml": [{ url: "/subprocessors.atom", title: "Subprocessor changes (Atom)" }] },
  },
};

/** Public, no sign-in: the region's trust page; the e-mail sign-up and the theme toggle are its only script. */
export default async function TrustPage() {
  await connection();
  return <TrustView page={await trustPage()} subscribe={<SubscribeForm />} />;
}
