/**
 * A small ZIP reader for evidence packages, node:zlib only. Reads what Terrane's streaming
 * writer makes (APPNOTE 6.3: stored or deflated entries, general-purpose flag bit 3 with data
 * descriptors, no ZIP64, no encryption) and refuses anything else rather than guessing.
 *
 * The central directory (found through the end-of-central-directory record) is the truth: with
 * data descriptors the local headers carry no sizes. Entries are read as views into the archive's
 * bytes (no copy) and inflated in small slices, so a large `audit/entries.jsonl` is never held
 * inflated in memory; sizes and CRC-32s are checked as the bytes come out, and inflating past
 * the declared size stops at once (a deflate bomb costs nothing).
 */
import { Readable } from "node:stream";
import * as zlib from "node:zlib";

export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZipError";
  }
}

export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: 0 | 8;
  readonly crc32: number;
  readonly size: number;
  readonly compressedSize: number;
  /** The entry's compressed bytes: a view into the archive, not a copy. */
  readonly raw: Buffer;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const END_SIZE = 22;
/** Bytes fed to inflate at a time: the most one slice can expand to stays small. */
const SLICE = 16 * 1024;

/** True when the bytes start like a ZIP archive (a local file header). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function findEnd(bytes: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535; search backwards for the one
  // whose comment ends exactly at the end of the file.
  const lowest = Math.max(0, bytes.length - END_SIZE - 0xffff);
  for (let at = bytes.length - END_SIZE; at >= lowest; at--) {
    if (bytes.readUInt32LE(at) === SIG_END && at + END_SIZE + bytes.readUInt16LE(at + 20) === bytes.length) return at;
  }
  throw new ZipError("no end-of-central-directory record: not a ZIP archive, or a truncated one");
}

/** The archive's entries in central-directory order. Throws ZipError on anything unsupported. */
export function readZip(bytes: Buffer): ZipEntry[] {
  if (bytes.length < END_SIZE) throw new ZipError("too short to be a ZIP archive");
  const end = findEnd(bytes);
  const disk = bytes.readUInt16LE(end + 4);
  const cdDisk = bytes.readUInt16LE(end + 6);
  const onDisk = bytes.readUInt16LE(end + 8);
  const count = bytes.readUInt16LE(end + 10);
  const cdSize = bytes.readUInt32LE(end + 12);
  const cdOffset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff)
    throw new ZipError("ZIP64 archives are not supported (an evidence package has at most 65,535 files and 4 GiB)");
  if (disk !== 0 || cdDisk !== 0 || onDisk !== count) throw new ZipError("multi-disk archives are not supported");
  if (cdOffset + cdSize > end) throw new ZipError("the central directory lies outside the archive");

  const entries: ZipEntry[] = [];
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > cdOffset + cdSize || bytes.readUInt32LE(at) !== SIG_CENTRAL)
      throw new ZipError(`central directory entry ${i + 1} of ${count} is malformed`);
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const crc32 = bytes.readUInt32LE(at + 16);
    const compressedSize = bytes.readUInt32LE(at + 20);
    const size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const localOffset = bytes.readUInt32LE(at + 42);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    const name = nameBytes.toString("utf8");
    at += 46 + nameLength + extraLength + commentLength;
    if (at > cdOffset + cdSize) throw new ZipError(`central directory entry ${i + 1} runs past the directory`);
    if (flags & 0x1) throw new ZipError(`${name}: encrypted entries are not supported`);
    if (method !== 0 && method !== 8)
      throw new ZipError(`${name}: compression method ${method} is not supported (only stored and deflate)`);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff)
      throw new ZipError(`${name}: ZIP64 entries are not supported`);

    // The local header repeats the name; its own name and extra lengths say where data starts.
    if (localOffset + 30 > cdOffset || bytes.readUInt32LE(localOffset) !== SIG_LOCAL)
      throw new ZipError(`${name}: no local file header where the central directory points`);
    const localNameLength = bytes.readUInt16LE(localOffset + 26);
    const localExtraLength = bytes.readUInt16LE(localOffset + 28);
    // Two different names for one entry would let two tools unpack two different files.
    if (!bytes.subarray(localOffset + 30, localOffset + 30 + localNameLength).equals(nameBytes))
      throw new ZipError(`${name}: the local header names another file`);
    const start = localOffset + 30 + localNameLength + localExtraLength;
    if (start + compressedSize > cdOffset) throw new ZipError(`${name}: its data runs into the central directory`);
    if (method === 0 && compressedSize !== size) throw new ZipError(`${name}: stored entry with two sizes`);
    entries.push({ name, method, crc32, size, compressedSize, raw: bytes.subarray(start, start + compressedSize) });
  }
  return entries;
}

function* slices(raw: Buffer): Generator<Buffer> {
  for (let i = 0; i < raw.length; i += SLICE) yield raw.subarray(i, i + SLICE);
}

/**
 * The entry's bytes, chunk by chunk, inflated as they are read. Throws ZipError when the data
 * does not inflate, is longer or shorter than the directory says, or fails its CRC-32.
 */
export async function* entryChunks(entry: ZipEntry): AsyncGenerator<Buffer> {
  const source = Readable.from(slices(entry.raw), { objectMode: false });
  const stream = entry.method === 0 ? source : source.pipe(zlib.createInflateRaw());
  let size = 0;
  let crc = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > entry.size)
        throw new ZipError(`${entry.name}: inflates past its declared size of ${entry.size} bytes`);
      crc = zlib.crc32(chunk, crc);
      yield chunk;
    }
  } catch (e) {
    if (e instanceof ZipError) throw e;
    throw new ZipError(`${entry.name}: the compressed data is corrupt (${(e as Error).message})`);
  } finally {
    stream.destroy();
  }
  if (size !== entry.size) throw new ZipError(`${entry.name}: ${size} bytes, the directory says ${entry.size}`);
  if (crc >>> 0 !== entry.crc32 >>> 0) throw new ZipError(`${entry.name}: CRC-32 mismatch (the bytes are corrupt)`);
}

/**
 * The entry's lines, without their "\n", exactly as stored (no decoding, "\r" kept). A last line
 * without a newline is yielded too.
 */
export async function* entryLines(entry: ZipEntry): AsyncGenerator<Buffer> {
  let rest: Buffer | null = null;
  for await (const chunk of entryChunks(entry)) {
    let from = 0;
    let nl = chunk.indexOf(0x0a);
    while (nl >= 0) {
      const piece = chunk.subarray(from, nl);
      yield rest ? Buffer.concat([rest, piece]) : piece;
      rest = null;
      from = nl + 1;
      nl = chunk.indexOf(0x0a, from);
    }
    if (from < chunk.length) {
      // Copy the tail: the chunk's buffer may be reused once we ask for the next one.
      const tail = Buffer.from(chunk.subarray(from));
      rest = rest ? Buffer.concat([rest, tail]) : tail;
    }
  }
  if (rest && rest.length > 0) yield rest;
}

/** The whole entry in one buffer: for the small files (manifest, checkpoints, envelopes). */
export async function readEntry(entry: ZipEntry): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of entryChunks(entry)) parts.push(chunk);
  return Buffer.concat(parts, entry.size);
}
