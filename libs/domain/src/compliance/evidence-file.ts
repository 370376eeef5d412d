import { createHash } from 'node:crypto';
import { DomainError } from '../errors/domain-error.js';

/**
 * Files a compliance report may carry as evidence: what they may be, how their type is told from their
 * bytes (never from the name or the type the browser declared), and how they are named when served.
 */
export const EVIDENCE_MEDIA_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'] as const;
export type EvidenceMediaType = (typeof EVIDENCE_MEDIA_TYPES)[number];

export const EVIDENCE_EXTENSIONS: Record<EvidenceMediaType, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/webp': ['webp'],
};

/** The digest files are named by: lower-case hex SHA-256. */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/** Limits of evidence files, from the configuration (EVIDENCE_MAX_FILE_BYTES, EVIDENCE_MAX_FILES). */
export interface EvidenceLimits {
  maxFileBytes: number;
  maxFiles: number;
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((byte, i) => bytes[at + i] === byte);

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The type the bytes themselves declare (their magic number), or null when it is none of the accepted. */
export function sniffEvidenceType(bytes: Uint8Array): EvidenceMediaType | null {
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

/** Declared types that say nothing about the file: the bytes decide alone. */
const GENERIC_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/**
 * A name safe to store and to put in a header: no directories, no control or quoting characters, at most
 * 120 characters, and an extension that matches the type the bytes have (`acta.html` holding a PDF is
 * served as `acta.html.pdf`, so a saved copy never opens as a page).
 */
export function safeEvidenceName(original: string, mediaType: EvidenceMediaType): string {
  const base = original.split(/[\\/]/).pop() ?? '';
  let name = base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069"*:<>?|;%\\`$]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const extensions = EVIDENCE_EXTENSIONS[mediaType];
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (!extensions.includes(extension)) name = `${name || 'evidencia'}.${extensions[0]}`;
  // Cut by code points, so a character outside the BMP (an emoji) is never split in half.
  const points = Array.from(name);
  if (points.length > 120) {
    const suffix = name.slice(name.lastIndexOf('.'));
    name = `${points.slice(0, 120 - suffix.length).join('')}${suffix}`;
  }
  return name;
}

export interface CheckedEvidenceFile {
  sha256: string;
  mediaType: EvidenceMediaType;
  fileName: string;
  size: number;
}

/**
 * Accepts a file as evidence or refuses it with a coded error: empty or over the size limit (413), bytes
 * that are not a PDF, PNG, JPEG or WebP (415), or bytes of one type declared as another (415).
 */
export function checkEvidenceFile(
  file: { bytes: Uint8Array; declaredType: string; originalName: string },
  limits: Pick<EvidenceLimits, 'maxFileBytes'>,
): CheckedEvidenceFile {
  if (file.bytes.length === 0) throw new DomainError('EVIDENCE_FILE_EMPTY');
  if (file.bytes.length > limits.maxFileBytes)
    throw new DomainError('EVIDENCE_FILE_TOO_LARGE', { max: formatMiB(limits.maxFileBytes) });
  const mediaType = sniffEvidenceType(file.bytes);
  if (!mediaType) throw new DomainError('EVIDENCE_FILE_TYPE_UNSUPPORTED');
  const declared = file.declaredType.split(';')[0]!.trim().toLowerCase();
  const declaredAs = declared === 'image/jpg' ? 'image/jpeg' : declared;
  if (!GENERIC_TYPES.has(declaredAs) && declaredAs !== mediaType)
    throw new DomainError('EVIDENCE_FILE_TYPE_MISMATCH', { declared: declaredAs, actual: mediaType });
  return {
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    mediaType,
    fileName: safeEvidenceName(file.originalName, mediaType),
    size: file.bytes.length,
  };
}

/** `5 MiB`, `1.5 MiB`, `512 KiB`: a limit as people read it. */
export function formatMiB(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KiB`;
  const mib = bytes / (1024 * 1024);
  return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
}

/**
 * The Content-Disposition of a served evidence file: always a download, an ASCII fallback name in quotes
 * and the exact name in RFC 5987 form.
 */
export function evidenceDisposition(fileName: string): string {
  const fallback = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
