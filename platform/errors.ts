/**
 * Expected failures, each with the HTTP status and stable machine code it becomes at the edge.
 * Anything else is unexpected: logged with a reference id and shown as a generic error.
 */
export class TerraneError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

export class BadRequestError extends TerraneError {
  constructor(detail: string, code = "bad_request", extra: Record<string, unknown> = {}) {
    super(400, code, "Bad request", detail, extra);
  }
}

export class UnauthenticatedError extends TerraneError {
  constructor(detail = "Sign in or send a valid API token.", code = "unauthenticated") {
    super(401, code, "Authentication required", detail);
  }
}

export class ForbiddenError extends TerraneError {
  constructor(detail = "Your role does not allow this.", code = "forbidden") {
    super(403, code, "Forbidden", detail);
  }
}

export class NotFoundError extends TerraneError {
  constructor(detail = "Not found.", code = "not_found") {
    super(404, code, "Not found", detail);
  }
}

export class ConflictError extends TerraneError {
  constructor(detail: string, code = "conflict") {
    super(409, code, "Conflict", detail);
  }
}

export class PayloadTooLargeError extends TerraneError {
  constructor(limitBytes: number) {
    super(413, "payload_too_large", "Payload too large", `The request body is larger than ${limitBytes} bytes.`);
  }
}

export class UnsupportedMediaTypeError extends TerraneError {
  constructor() {
    super(415, "unsupported_media_type", "Unsupported media type", "Send the body as application/json.");
  }
}

export class ThrottledError extends TerraneError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      429,
      "too_many_attempts",
      "Too many attempts",
      `Too many failed attempts. Try again in ${retryAfterSeconds} seconds.`,
      {
        retry_after: retryAfterSeconds,
      },
    );
  }
}

/** The tenant is homed in another region: this instance serves none of its data. */
export class ResidencyError extends TerraneError {
  constructor(
    readonly homeRegion: string,
    readonly homeUrl: string,
  ) {
    super(
      421,
      "wrong_region",
      "Misdirected request",
      `This tenant is homed in ${homeRegion}; ask that region's instance.`,
      {
        home_region: homeRegion,
        home_url: homeUrl,
      },
    );
  }
}

export class ServiceUnavailableError extends TerraneError {
  constructor(detail: string, code = "unavailable") {
    super(503, code, "Service unavailable", detail);
  }
}
