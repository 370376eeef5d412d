import { RESOLUTION_NUMBER_PATTERN } from '#domain';
import { readLatestComplianceEvents, readLatestResolutions } from '#persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Feed, type Item } from 'feed';
import type { DataSource } from 'typeorm';
import { API_PREFIX, FEED_PATHS } from './open-data.format.js';

export const FEED_SIZE = 50;

/** Where the feed is served from: links are absolute, ids are tag: URIs minted under that host. */
export interface FeedOrigin {
  /** e.g. `https://asamblea.example.pe` (no trailing slash). */
  origin: string;
  /** The host name, the tagging authority of entry ids (RFC 4151). */
  authority: string;
}

/** The year the ids below were minted; it never changes, so ids stay stable. */
const TAG_YEAR = 2026;
const tag = (origin: FeedOrigin, specific: string) =>
  `tag:${origin.authority},${TAG_YEAR}:asamblea/${specific}`;

/** Text for an element of type="html": escaped, and without characters XML cannot carry. */
function html(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const paragraph = (label: string, value: string) => `<p><strong>${html(label)}:</strong> ${html(value)}</p>`;

const COMPLIANCE_LABELS: Record<string, string> = {
  pending: 'pendiente',
  in_progress: 'en ejecución',
  fulfilled: 'cumplido',
  overdue: 'vencido',
};

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const integer = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/** Atom feeds of new resolutions and of compliance changes, from the tables the public API reads. */
@Injectable()
export class FeedsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private feed(origin: FeedOrigin, path: string, title: string, description: string, updated: Date) {
    return new Feed({
      id: `${origin.origin}${path}`,
      title,
      description,
      language: 'es',
      link: `${origin.origin}${API_PREFIX}/open-data`,
      feed: `${origin.origin}${path}`,
      updated,
      generator: 'Asamblea',
    });
  }

  async resolutions(origin: FeedOrigin): Promise<string> {
    const rows = await readLatestResolutions(this.dataSource, FEED_SIZE);
    const feed = this.feed(
      origin,
      FEED_PATHS.resolutions,
      'Asamblea Popular Regional — resoluciones vinculantes',
      'Nuevas resoluciones vinculantes / New binding resolutions',
      rows[0]?.issued_at ?? new Date(0),
    );
    for (const r of rows) {
      const item: Item = {
        id: tag(origin, `resolution/${r.number}`),
        title: html(`${r.number} · ${r.title}`),
        link: `${origin.origin}${API_PREFIX}/resolutions/${r.number}`,
        date: r.issued_at,
        published: r.issued_at,
        description: [
          paragraph('Objetivos / Objectives', r.objectives.join(', ') || '—'),
          paragraph('Instituciones obligadas / Bound institutions', r.institutions.join(', ') || '—'),
          paragraph('Plazo de cumplimiento / Compliance deadline', r.compliance_deadline ?? '—'),
          paragraph('Digest SHA-256', r.digest),
        ].join(''),
        category: [...r.objectives, ...r.institutions].map((term) => ({ term })),
      };
      feed.addItem(item);
    }
    return feed.atom1();
  }

  /** Compliance changes as the public record has them: every report, and every deadline that passed. */
  async compliance(origin: FeedOrigin): Promise<string> {
    const rows = await readLatestComplianceEvents(this.dataSource, FEED_SIZE);
    const feed = this.feed(
      origin,
      FEED_PATHS.compliance,
      'Asamblea Popular Regional — cumplimiento de resoluciones',
      'Informes de avance y plazos vencidos / Progress reports and missed deadlines',
      rows[0]?.occurred_at ?? new Date(0),
    );
    for (const e of rows) {
      const payload = e.payload ?? {};
      const number = text(payload.resolutionNumber);
      const institution = text(payload.institutionCode) ?? '—';
      const status = text(payload.status) ?? (e.type === 'compliance.overdue' ? 'overdue' : null);
      const progress = integer(payload.progress);
      const deadline = text(payload.deadline);
      const body = text(payload.body);
      const label = status ? `${COMPLIANCE_LABELS[status] ?? status} (${status})` : '—';
      const resolution = number && RESOLUTION_NUMBER_PATTERN.test(number) ? number : null;
      const summary = [
        paragraph(
          'Evento / Event',
          e.type === 'compliance.overdue'
            ? 'plazo vencido / deadline passed'
            : 'informe de avance / progress report',
        ),
        paragraph('Estado / Status', label),
        ...(progress !== null ? [paragraph('Avance / Progress', `${progress} %`)] : []),
        ...(deadline ? [paragraph('Plazo / Deadline', deadline)] : []),
        ...(body ? [`<blockquote>${html(body)}</blockquote>`] : []),
        paragraph('Registro público / Public record', `#${e.sequence} ${e.hash}`),
      ].join('');
      feed.addItem({
        id: tag(origin, `ledger/${e.sequence}`),
        title: html(`${number ?? e.subject} · ${institution} · ${label}`),
        link: resolution
          ? `${origin.origin}${API_PREFIX}/resolutions/${resolution}/compliance`
          : `${origin.origin}${API_PREFIX}/ledger?after=${Number(e.sequence) - 1}&limit=1`,
        date: e.occurred_at,
        description: summary,
        category: status ? [{ term: status }] : [],
      });
    }
    return feed.atom1();
  }
}
