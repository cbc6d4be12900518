/**
 * A file served as a download with the SHA-256 that names it in `Content-Digest` (RFC 9530), so a
 * client checks it got exactly the bytes a signature or a record refers to.
 */
export function digestedDownload(
  file: { bytes: Uint8Array; sha256: string; fileName: string },
  contentType: string,
  extra: Record<string, string> = {},
): Response {
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "content-type": contentType,
      "content-disposition": `attachment; filename="${file.fileName}"`,
      "content-digest": `sha-256=:${Buffer.from(file.sha256, "hex").toString("base64")}:`,
      "cache-control": "no-store",
      ...extra,
    },
  });
}
