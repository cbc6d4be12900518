/** Prisma's Bytes columns take a Uint8Array over a plain ArrayBuffer; Node Buffers may share a pool. */
export function toBytes(data: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(data);
}
