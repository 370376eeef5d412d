import type { AppConfig } from '#config';
import { DomainError, SigningKeyHistory, type Checkpoint } from '#domain';
import { readCheckpoints, readLatestCheckpoint, readSigningKeyEvents } from '#persistence';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Feed } from 'feed';
import type { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { CheckpointPageDto, SigningKeysDto } from './checkpoints.dto.js';

export const CHECKPOINT_FEED_PATH = '/api/feeds/checkpoints.atom';
const FEED_SIZE = 50;

/** The signed checkpoints and the keys, as published. */
@Injectable()
export class CheckpointsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async page(before: number | null, limit: number): Promise<CheckpointPageDto> {
    const items = await readCheckpoints(this.dataSource, before, limit);
    return { items, next: items.length === limit ? items.at(-1)!.sequence : null };
  }

  async latest(): Promise<Checkpoint> {
    const latest = await readLatestCheckpoint(this.dataSource);
    if (!latest) throw new DomainError('CHECKPOINT_NOT_FOUND');
    return latest;
  }

  async keys(): Promise<SigningKeysDto> {
    const history = new SigningKeyHistory();
    // Served as the record states them; a wrong endorsement is the verifier's to name, not hidden here.
    for (const event of await readSigningKeyEvents(this.dataSource)) history.add(event);
    return { keys: history.keys.map((k) => ({ ...k, algorithm: 'Ed25519' })) };
  }

  /** Atom feed of the newest checkpoints; links are built on PUBLIC_URL, never on the request. */
  async feed(): Promise<string> {
    const origin = new URL(this.config.publicUrl);
    const items = await readCheckpoints(this.dataSource, null, FEED_SIZE);
    const feed = new Feed({
      id: `${origin.origin}${CHECKPOINT_FEED_PATH}`,
      title: 'Asamblea Popular Regional — puntos de control del registro público',
      description:
        'Puntos de control firmados (Ed25519) del registro público / Signed checkpoints of the public record',
      language: 'es',
      link: `${origin.origin}/api/ledger/checkpoints`,
      feed: `${origin.origin}${CHECKPOINT_FEED_PATH}`,
      updated: items[0] ? new Date(items[0].time) : new Date(0),
      generator: 'Asamblea',
    });
    for (const c of items)
      feed.addItem({
        id: `tag:${origin.hostname},2026:asamblea/checkpoint/${c.sequence}`,
        title: `Punto de control N.º ${c.sequence} · ${c.hash.slice(0, 16)}…`,
        link: `${origin.origin}/verificar?punto=${c.sequence}&huella=${c.hash}`,
        date: new Date(c.time),
        description: [
          `<p><strong>Evento / Event:</strong> ${c.sequence}</p>`,
          `<p><strong>Huella / Hash:</strong> ${c.hash}</p>`,
          `<p><strong>Firmado / Signed:</strong> ${c.time}</p>`,
          `<p><strong>Clave / Key:</strong> ${c.keyId}</p>`,
          `<p><strong>Firma Ed25519 / Signature:</strong> ${c.signature}</p>`,
        ].join(''),
      });
    return feed.atom1();
  }
}
