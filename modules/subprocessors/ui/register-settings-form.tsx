"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormError, FormField, describedBy, inputClass } from "@/components/ui/field";
import { Time } from "@/components/ui/time";
import { ApiProblem } from "@/platform/http/client-fetch";
import { NOTICE_DAYS, OBJECTION_DAYS } from "@/modules/subprocessors/domain/vocabulary";
import { registerApi, type RegisterSettings } from "@/modules/subprocessors/client";

const ERROR_ID = "register-settings-error";

/** The region's notice period and objection deadline; provider admins change them, others read them. */
export function RegisterSettingsForm({
  settings,
  canEdit,
  onDone,
}: {
  settings: RegisterSettings;
  canEdit: boolean;
  onDone: (words: string) => void;
}) {
  const router = useRouter();
  const [notice, setNotice] = useState(String(settings.notice_days));
  const [objection, setObjection] = useState(String(settings.objection_days));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const updated =
    settings.updated_at && Date.parse(settings.updated_at) > 0 ? (
      <>
        Last changed <Time iso={settings.updated_at} />.
      </>
    ) : (
      "The defaults: never changed."
    );

  if (!canEdit)
    return (
      <p className="text-sm">
        Customers get {settings.notice_days} days&apos; notice of a change that gives a subprocessor more of their data;
        objections are resolved within {settings.objection_days} days. {updated}
      </p>
    );

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const noticeDays = Number(notice);
    const objectionDays = Number(objection);
    if (!Number.isInteger(noticeDays) || noticeDays < NOTICE_DAYS.min || noticeDays > NOTICE_DAYS.max)
      return setError(`The notice period is a whole number of days from ${NOTICE_DAYS.min} to ${NOTICE_DAYS.max}.`);
    if (!Number.isInteger(objectionDays) || objectionDays < OBJECTION_DAYS.min || objectionDays > OBJECTION_DAYS.max)
      return setError(
        `The objection deadline is a whole number of days from ${OBJECTION_DAYS.min} to ${OBJECTION_DAYS.max}.`,
      );
    setBusy(true);
    try {
      const saved = await registerApi.putSettings({ notice_days: noticeDays, objection_days: objectionDays });
      onDone(
        `Saved: ${saved.notice_days} days' notice, objections resolved within ${saved.objection_days} days. Changes already announced keep their dates.`,
      );
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiProblem ? err.message : "Nothing was saved: the request failed. Try again.");
    } finally {
      setBusy(false);
    }
  }

  const aria = (id: string) => describedBy(id, true, Boolean(error), ERROR_ID);
  return (
    <form onSubmit={submit} noValidate className="max-w-xl space-y-3" data-testid="register-settings-form">
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField
          id="register-notice-days"
          label="Notice period (days)"
          hint={`${NOTICE_DAYS.min}–${NOTICE_DAYS.max}. Before a change gives a subprocessor more data.`}
        >
          <input
            id="register-notice-days"
            type="number"
            inputMode="numeric"
            min={NOTICE_DAYS.min}
            max={NOTICE_DAYS.max}
            value={notice}
            onChange={(e) => setNotice(e.target.value)}
            className={inputClass}
            {...aria("register-notice-days")}
          />
        </FormField>
        <FormField
          id="register-objection-days"
          label="Objection deadline (days)"
          hint={`${OBJECTION_DAYS.min}–${OBJECTION_DAYS.max}. Within which compliance resolves an objection.`}
        >
          <input
            id="register-objection-days"
            type="number"
            inputMode="numeric"
            min={OBJECTION_DAYS.min}
            max={OBJECTION_DAYS.max}
            value={objection}
            onChange={(e) => setObjection(e.target.value)}
            className={inputClass}
            {...aria("register-objection-days")}
          />
        </FormField>
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {updated} Changes already announced keep their dates.
      </p>
      <FormError id={ERROR_ID} message={error} />
      <Button type="submit" loading={busy} loadingText="Saving…">
        Save settings
      </Button>
    </form>
  );
}
