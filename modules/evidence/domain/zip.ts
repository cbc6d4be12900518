/**
 * A ZIP archive written as a stream (APPNOTE 6.3: deflate, data descriptors, UTF-8 names), so a
 * package of any size leaves the server in pieces and is never held whole. Each file's CRC-32,
 * sizes and SHA-256 are computed as its bytes pass; only the central directory (one small record
 * per file) is kept until the end. No ZIP64: at most 65,535 files and 4 GiB, refused plainly.
 */
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { crc32, createDeflateRaw } from "node:zlib";

const LIMIT_32 = 0xffff_ffff;
const MAX_FILES = 0xffff;
/** Bit 3: sizes and CRC follow the data; bit 11: the name is UTF-8. */
const FLAGS = 0x0808;
const DEFLATE = 8;
const VERSION = 20;
/** "Made by" Unix (3), so the mode bits in the external attributes count (verify.sh is executable). */
const MADE_BY = (3 << 8) | VERSION;

export class ZipLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZipLimitError";
  }
}

export interface ZippedFile {
  path: string;
  /** Uncompressed size in bytes. */
  size: number;
  sha256: string;
  /** Lines: the number of "\n" bytes. */
  lines: number;
}

interface CentralRecord {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
  mode: number;
}

function dosDateTime(at: Date): { time: number; date: number } {
  const time = (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2);
  const date = ((at.getUTCFullYear() - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate();
  return { time, date };
}

function countLines(chunk: Uint8Array): number {
  let n = 0;
  for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) n++;
  return n;
}

export type FileContent = Uint8Array | string | AsyncIterable<Uint8Array | string>;

async function* chunksOf(content: FileContent): AsyncGenerator<Buffer> {
  if (typeof content === "string" || content instanceof Uint8Array) {
    yield Buffer.from(content);
    return;
  }
  for await (const c of content) yield Buffer.from(c);
}

/**
 * Writes files one after another; `file()` yields the archive's bytes for one file and returns
 * what it measured, `finish()` yields the central directory and the end record.
 */
export class ZipWriter {
  readonly #records: CentralRecord[] = [];
  readonly #stamp: { time: number; date: number };
  #offset = 0;

  constructor(modifiedAt: Date) {
    this.#stamp = dosDateTime(modifiedAt);
  }

  get bytesWritten(): number {
    return this.#offset;
  }

  #emit(b: Buffer): Buffer {
    this.#offset += b.byteLength;
    if (this.#offset > LIMIT_32) throw new ZipLimitError("The package would exceed 4 GiB; ask for a shorter period.");
    return b;
  }

  async *file(
    path: string,
    content: FileContent,
    options: { executable?: boolean } = {},
  ): AsyncGenerator<Buffer, ZippedFile> {
    if (this.#records.length >= MAX_FILES) throw new ZipLimitError("A package holds at most 65,535 files.");
    const name = Buffer.from(path, "utf8");
    const offset = this.#offset;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(DEFLATE, 8);
    header.writeUInt16LE(this.#stamp.time, 10);
    header.writeUInt16LE(this.#stamp.date, 12);
    header.writeUInt16LE(name.byteLength, 26);
    yield this.#emit(Buffer.concat([header, name]));

    let crc = 0;
    let size = 0;
    let lines = 0;
    let compressed = 0;
    const sha = createHash("sha256");
    const measured = async function* () {
      for await (const chunk of chunksOf(content)) {
        crc = crc32(chunk, crc);
        size += chunk.byteLength;
        lines += countLines(chunk);
        sha.update(chunk);
        yield chunk;
      }
    };
    const deflater = createDeflateRaw({ level: 6 });
    const pumped = pipeline(Readable.from(measured()), deflater);
    pumped.catch(() => undefined); // surfaced through the iteration below
    try {
      for await (const out of deflater as AsyncIterable<Buffer>) {
        compressed += out.byteLength;
        yield this.#emit(out);
      }
      await pumped;
    } finally {
      deflater.destroy();
    }
    if (size > LIMIT_32) throw new ZipLimitError(`${path} would exceed 4 GiB; ask for a shorter period.`);
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc, 4);
    descriptor.writeUInt32LE(compressed, 8);
    descriptor.writeUInt32LE(size, 12);
    yield this.#emit(descriptor);
    this.#records.push({ name, crc, compressed, size, offset, mode: options.executable ? 0o100755 : 0o100644 });
    return { path, size, sha256: sha.digest("hex"), lines };
  }

  /** The central directory and the end-of-central-directory record: the archive's last bytes. */
  finish(): Buffer {
    const start = this.#offset;
    const parts = this.#records.map((r) => {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(MADE_BY, 4);
      h.writeUInt16LE(VERSION, 6);
      h.writeUInt16LE(FLAGS, 8);
      h.writeUInt16LE(DEFLATE, 10);
      h.writeUInt16LE(this.#stamp.time, 12);
      h.writeUInt16LE(this.#stamp.date, 14);
      h.writeUInt32LE(r.crc, 16);
      h.writeUInt32LE(r.compressed, 20);
      h.writeUInt32LE(r.size, 24);
      h.writeUInt16LE(r.name.byteLength, 28);
      h.writeUInt32LE(r.mode * 0x10000, 38);
      h.writeUInt32LE(r.offset, 42);
      return Buffer.concat([h, r.name]);
    });
    const directory = Buffer.concat(parts);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.#records.length, 8);
    end.writeUInt16LE(this.#records.length, 10);
    end.writeUInt32LE(directory.byteLength, 12);
    end.writeUInt32LE(start, 16);
    return this.#emit(Buffer.concat([directory, end]));
  }
}
