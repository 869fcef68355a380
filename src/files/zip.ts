/**
 * The zip container of an .xlsx/.xlsm, read and written with node:zlib and nothing else.
 *
 * Reading starts at the central directory: every part's declared sizes are checked against
 * the limits below before a single byte is inflated, and inflating is capped at the declared
 * size, so a zip bomb (declared honestly or not) is refused without being unpacked. Writing
 * copies the parts it does not change as they are — the same compressed bytes — and deflates
 * only the parts it replaces or adds.
 */
import * as zlib from "node:zlib";
import { FileReadError, formatBytes } from "./fileErrors";

/** The limits a workbook must keep to be read (README, "The command line"). */
export const ZIP_LIMITS = {
  /** The file itself. */
  fileBytes: 100 * 1024 * 1024,
  /** All parts together, unpacked. */
  totalBytes: 512 * 1024 * 1024,
  /** One part, unpacked (a JavaScript string holds at most about 512 M characters). */
  partBytes: 256 * 1024 * 1024,
  /** Unpacked / packed, for a part larger than ratioFloor (ordinary sheets stay below 100). */
  ratio: 250,
  ratioFloor: 1024 * 1024,
};
export type ZipLimits = typeof ZIP_LIMITS;

export interface ZipEntry {
  /** The name as stored, e.g. "xl/worksheets/sheet1.xml". */
  name: string;
  method: number;
  flags: number;
  time: number;
  date: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Offset of the compressed data in the file. */
  dataOffset: number;
}

export interface ZipArchive {
  bytes: Buffer;
  /** Entries in their stored order. */
  entries: ZipEntry[];
  /** By lower-cased name (part names are case-insensitive in OPC). */
  byName: Map<string, ZipEntry>;
}

const SIG_EOCD = 0x06054b50;
const SIG_CD = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

function damaged(detail: Text2): FileReadError {
  return new FileReadError("file.damaged", {
    sv: `filen är skadad eller ofullständig (${detail.sv}) — öppna den i Excel och spara den igen`,
    en: `the file is damaged or incomplete (${detail.en}) — open it in Excel and save it again`,
  });
}
type Text2 = { sv: string; en: string };

function tooLarge(what: Text2, size: number, limit: number): FileReadError {
  return new FileReadError("file.tooLarge", {
    sv: `${what.sv} är ${formatBytes(size)}, gränsen är ${formatBytes(limit)} — filen läses inte`,
    en: `${what.en} is ${formatBytes(size)}, the limit is ${formatBytes(limit)} — the file is not read`,
  });
}

function findEocd(bytes: Buffer): number {
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (bytes.readUInt32LE(i) === SIG_EOCD) return i;
  }
  return -1;
}

/** Reads the central directory and checks every declared size against the limits. */
export function openZip(bytes: Buffer, limits: ZipLimits = ZIP_LIMITS): ZipArchive {
  if (bytes.length > limits.fileBytes) {
    throw tooLarge({ sv: "filen", en: "the file" }, bytes.length, limits.fileBytes);
  }
  const eocd = bytes.length >= 22 ? findEocd(bytes) : -1;
  if (eocd < 0)
    throw damaged({ sv: "zip-arkivets slut saknas", en: "the end of the zip is missing" });
  const count = bytes.readUInt16LE(eocd + 10);
  const cdSize = bytes.readUInt32LE(eocd + 12);
  const cdOffset = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    throw new FileReadError("file.zip64", {
      sv: "filen är ett ZIP64-arkiv, större än vad som läses här — spara en mindre arbetsbok",
      en: "the file is a ZIP64 archive, larger than what is read here — save a smaller workbook",
    });
  }
  if (cdOffset + cdSize > eocd) {
    throw damaged({ sv: "innehållsförteckningen är avkortad", en: "the directory is cut short" });
  }
  const entries: ZipEntry[] = [];
  const byName = new Map<string, ZipEntry>();
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || bytes.readUInt32LE(p) !== SIG_CD) {
      throw damaged({ sv: "innehållsförteckningen är skadad", en: "the directory is damaged" });
    }
    const flags = bytes.readUInt16LE(p + 8);
    const method = bytes.readUInt16LE(p + 10);
    const nameLen = bytes.readUInt16LE(p + 28);
    const extraLen = bytes.readUInt16LE(p + 30);
    const commentLen = bytes.readUInt16LE(p + 32);
    const localOffset = bytes.readUInt32LE(p + 42);
    const name = bytes.toString(flags & 0x800 ? "utf8" : "latin1", p + 46, p + 46 + nameLen);
    const entry: ZipEntry = {
      name,
      method,
      flags,
      time: bytes.readUInt16LE(p + 12),
      date: bytes.readUInt16LE(p + 14),
      crc: bytes.readUInt32LE(p + 16),
      compressedSize: bytes.readUInt32LE(p + 20),
      size: bytes.readUInt32LE(p + 24),
      dataOffset: -1,
    };
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 0x1) {
      throw new FileReadError("file.encrypted", {
        sv: "filen är lösenordsskyddad (krypterad) — spara en kopia utan lösenord i Excel",
        en: "the file is password-protected (encrypted) — save a copy without a password in Excel",
      });
    }
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) {
      throw tooLarge({ sv: `delen ${name}`, en: `the part ${name}` }, 0xffffffff, limits.partBytes);
    }
    if (entry.size > limits.partBytes) {
      throw tooLarge(
        { sv: `delen ${name} packad upp`, en: `the part ${name} unpacked` },
        entry.size,
        limits.partBytes,
      );
    }
    if (entry.size > limits.ratioFloor && entry.size > limits.ratio * entry.compressedSize) {
      throw new FileReadError("file.ratio", {
        sv: `delen ${name} packas upp ${Math.round(entry.size / Math.max(1, entry.compressedSize))} gånger (${formatBytes(entry.size)}), gränsen är ${limits.ratio} gånger — filen ser ut som en zip-bomb och läses inte`,
        en: `the part ${name} unpacks ${Math.round(entry.size / Math.max(1, entry.compressedSize))} times (${formatBytes(entry.size)}), the limit is ${limits.ratio} times — the file looks like a zip bomb and is not read`,
      });
    }
    total += entry.size;
    if (localOffset + 30 > bytes.length || bytes.readUInt32LE(localOffset) !== SIG_LOCAL) {
      throw damaged({ sv: `delen ${name} saknas`, en: `the part ${name} is missing` });
    }
    const localName = bytes.readUInt16LE(localOffset + 26);
    const localExtra = bytes.readUInt16LE(localOffset + 28);
    entry.dataOffset = localOffset + 30 + localName + localExtra;
    if (entry.dataOffset + entry.compressedSize > bytes.length) {
      throw damaged({ sv: `delen ${name} är avkortad`, en: `the part ${name} is cut short` });
    }
    entries.push(entry);
    byName.set(name.toLowerCase(), entry);
  }
  if (total > limits.totalBytes) {
    throw tooLarge(
      { sv: "arbetsbokens delar packade upp", en: "the workbook's parts unpacked" },
      total,
      limits.totalBytes,
    );
  }
  return { bytes, entries, byName };
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

export function crc32(data: Uint8Array): number {
  const native = (zlib as unknown as { crc32?: (d: Uint8Array) => number }).crc32;
  if (native) return native(data) >>> 0;
  let c = -1;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** One part's bytes, unpacked (at most its declared size) and checked against its CRC. */
export function readEntry(zip: ZipArchive, entry: ZipEntry): Buffer {
  const raw = zip.bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  let out: Buffer;
  if (entry.method === 0) out = raw;
  else if (entry.method === 8) {
    try {
      out = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.size) });
    } catch {
      throw damaged({
        sv: `delen ${entry.name} kan inte packas upp`,
        en: `the part ${entry.name} cannot be unpacked`,
      });
    }
  } else {
    throw new FileReadError("file.method", {
      sv: `delen ${entry.name} är packad på ett sätt som inte läses här (metod ${entry.method}) — spara filen igen i Excel`,
      en: `the part ${entry.name} is packed in a way not read here (method ${entry.method}) — save the file again in Excel`,
    });
  }
  if (out.length !== entry.size || crc32(out) !== entry.crc) {
    throw damaged({
      sv: `delen ${entry.name} stämmer inte med sin kontrollsumma`,
      en: `the part ${entry.name} does not match its checksum`,
    });
  }
  return out;
}

/** A part by name (case-insensitive), or undefined. */
export function readPart(zip: ZipArchive, name: string): Buffer | undefined {
  const entry = zip.byName.get(name.toLowerCase());
  return entry ? readEntry(zip, entry) : undefined;
}

/** A part of the output: an entry copied as it was, or new bytes. */
export type OutPart = { name: string; copy: ZipEntry } | { name: string; data: Buffer };

function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/** Writes a zip: copied entries keep their compressed bytes; new ones are deflated. */
export function writeZip(source: ZipArchive | null, parts: OutPart[], now = new Date()): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const stamp = dosTime(now);
  for (const part of parts) {
    let method: number, crc: number, size: number, data: Buffer, time: number, date: number;
    if ("copy" in part) {
      const e = part.copy;
      if (!source) throw new Error("writeZip: a copied entry needs its source");
      method = e.method;
      crc = e.crc;
      size = e.size;
      time = e.time;
      date = e.date;
      data = source.bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    } else {
      crc = crc32(part.data);
      size = part.data.length;
      // A large sheet deflates three times faster at level 1, for a file some 15% larger.
      data = zlib.deflateRawSync(part.data, { level: size > 4 * 1024 * 1024 ? 1 : 6 });
      method = 8;
      if (data.length >= size) {
        data = part.data;
        method = 0;
      }
      time = stamp.time;
      date = stamp.date;
    }
    const name = Buffer.from(part.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(SIG_LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(SIG_CD, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x800, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt16LE(time, 12);
    cd.writeUInt16LE(date, 14);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(data.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    chunks.push(local, name, data);
    central.push(cd, name);
    offset += 30 + name.length + data.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(SIG_EOCD, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, cdBytes, end]);
}
