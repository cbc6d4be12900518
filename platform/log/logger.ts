import pino from "pino";
import { env } from "@/platform/env";

let instance: pino.Logger | undefined;

/** JSON logs. Secrets never go in: redact covers the usual carriers in case one slips through. */
export function logger(): pino.Logger {
  instance ??= pino({
    level: env().LOG_LEVEL,
    base: { region: env().REGION },
    redact: {
      paths: [
        "password",
        "secret",
        "token",
        "authorization",
        "*.password",
        "*.secret",
        "*.token",
        "*.authorization",
        "headers.cookie",
      ],
      censor: "[redacted]",
    },
  });
  return instance;
}
