/**
 * DSSE's Pre-Authentication Encoding, on its own: the bytes a DSSE signature covers. Node
 * built-ins only, so the `terrane` CLI (which may import nothing but pure cores) shares it.
 *
 * PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths in ASCII decimal bytes.
 */
export const IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

export function preAuthEncoding(payloadType: string, payload: Uint8Array): Buffer {
  const type = Buffer.from(payloadType, "utf8");
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${type.byteLength} `, "utf8"),
    type,
    Buffer.from(` ${payload.byteLength} `, "utf8"),
    payload,
  ]);
}
