import { createHash } from 'node:crypto';
import { DomainError } from '../errors/domain-error.js';
import {
  checkEvidenceFile,
  evidenceDisposition,
  formatMiB,
  safeEvidenceName,
  sniffEvidenceType,
} from './evidence-file.js';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const PDF = bytes('%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n');
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'rest');
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF');
const WEBP = bytes('RIFF', [0x10, 0, 0, 0], 'WEBPVP8 ');
const limits = { maxFileBytes: 1024 };

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? { code: error.code, params: error.params } : error;
  }
  return 'accepted';
};

describe('evidence files', () => {
  it('tells the type from the bytes only', () => {
    expect(sniffEvidenceType(PDF)).toBe('application/pdf');
    expect(sniffEvidenceType(PNG)).toBe('image/png');
    expect(sniffEvidenceType(JPEG)).toBe('image/jpeg');
    expect(sniffEvidenceType(WEBP)).toBe('image/webp');
    expect(sniffEvidenceType(bytes('<!doctype html><script>alert(1)</script>'))).toBeNull();
    expect(sniffEvidenceType(bytes('RIFF', [0, 0, 0, 0], 'WAVE'))).toBeNull();
    expect(sniffEvidenceType(bytes('%PD'))).toBeNull();
  });

  it('accepts a PDF declared as such or as octet-stream, with its digest and a safe name', () => {
    const checked = checkEvidenceFile(
      { bytes: PDF, declaredType: 'application/pdf', originalName: 'C:\\actas\\acta "1".pdf' },
      limits,
    );
    expect(checked).toEqual({
      sha256: createHash('sha256').update(PDF).digest('hex'),
      mediaType: 'application/pdf',
      fileName: 'acta _1_.pdf',
      size: PDF.length,
    });
    expect(
      checkEvidenceFile({ bytes: JPEG, declaredType: 'image/jpg', originalName: 'foto.JPG' }, limits)
        .mediaType,
    ).toBe('image/jpeg');
    expect(
      checkEvidenceFile({ bytes: PNG, declaredType: 'application/octet-stream', originalName: 'x' }, limits)
        .fileName,
    ).toBe('x.png');
  });

  it('refuses HTML named .pdf (415), a PNG declared as PDF (415), empty (422) and oversize (413) files', () => {
    const html = bytes('<html><script>alert(1)</script></html>');
    expect(
      code(() =>
        checkEvidenceFile({ bytes: html, declaredType: 'application/pdf', originalName: 'a.pdf' }, limits),
      ),
    ).toEqual({ code: 'EVIDENCE_FILE_TYPE_UNSUPPORTED', params: {} });
    expect(
      code(() =>
        checkEvidenceFile({ bytes: PNG, declaredType: 'application/pdf', originalName: 'a.pdf' }, limits),
      ),
    ).toEqual({
      code: 'EVIDENCE_FILE_TYPE_MISMATCH',
      params: { declared: 'application/pdf', actual: 'image/png' },
    });
    expect(
      code(() => checkEvidenceFile({ bytes: Buffer.alloc(0), declaredType: '', originalName: 'a' }, limits)),
    ).toMatchObject({ code: 'EVIDENCE_FILE_EMPTY' });
    const big = Buffer.concat([PDF, Buffer.alloc(1024)]);
    expect(
      code(() =>
        checkEvidenceFile({ bytes: big, declaredType: 'application/pdf', originalName: 'a.pdf' }, limits),
      ),
    ).toEqual({ code: 'EVIDENCE_FILE_TOO_LARGE', params: { max: '1 KiB' } });
  });

  it('gives every name the extension of its real type, without paths or header-breaking characters', () => {
    expect(safeEvidenceName('informe.html', 'application/pdf')).toBe('informe.html.pdf');
    expect(safeEvidenceName('../../etc/passwd', 'image/png')).toBe('passwd.png');
    expect(safeEvidenceName('...', 'image/png')).toBe('evidencia.png');
    expect(safeEvidenceName('a\r\nb;c.pdf', 'application/pdf')).toBe('a__b_c.pdf');
    expect(safeEvidenceName(`${'x'.repeat(300)}.pdf`, 'application/pdf')).toHaveLength(120);
    expect(safeEvidenceName('Año 2026 – acta.pdf', 'application/pdf')).toBe('Año 2026 – acta.pdf');
    // No direction override to make «fdp.exe» read «exe.pdf»; an emoji cut at the limit is never split.
    expect(safeEvidenceName('\u202Efdp.exe', 'application/pdf')).toBe('_fdp.exe.pdf');
    const long = safeEvidenceName(`a${'😀'.repeat(130)}.pdf`, 'application/pdf');
    expect(Array.from(long)).toHaveLength(120);
    expect(long).not.toMatch(/\uFFFD/);
    expect(long).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('serves names as a download with an ASCII fallback and the exact UTF-8 name', () => {
    expect(evidenceDisposition('Año 2026 – acta.pdf')).toBe(
      `attachment; filename="Ano 2026 _ acta.pdf"; filename*=UTF-8''A%C3%B1o%202026%20%E2%80%93%20acta.pdf`,
    );
    expect(formatMiB(5 * 1024 * 1024)).toBe('5 MiB');
    expect(formatMiB(1536 * 1024)).toBe('1.5 MiB');
  });
});
