import {
  DomainError,
  assemblyToday,
  alternateProblem,
  isSeated,
  isTermValid,
  ALTERNATE_PROBLEM_TEXT,
  type DelegateSeat,
  type DelegateStatus,
} from '#domain';
import { ConstituencyEntity, DelegateEntity, UserEntity } from '#persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';

export interface DelegateView {
  id: string;
  fullName: string;
  constituency: { code: string; name: string };
  organization: string | null;
  termStart: string;
  termEnd: string;
  status: DelegateStatus;
  alternateOfId: string | null;
  alternateId: string | null;
  seated: boolean;
  /** Only for the secretariat. */
  documentId?: string;
  userId?: string | null;
  email?: string | null;
}

interface DelegateRow {
  id: string;
  full_name: string;
  constituency_code: string;
  constituency_name: string;
  organization: string | null;
  term_start: string;
  term_end: string;
  status: DelegateStatus;
  alternate_of_id: string | null;
  alternate_id: string | null;
  document_id: string;
  user_id: string | null;
  email: string | null;
}

const SELECT_DELEGATES = `
  SELECT d.id, d.full_name, d.constituency_code, c.name AS constituency_name, d.organization,
         to_char(d.term_start, 'YYYY-MM-DD') AS term_start, to_char(d.term_end, 'YYYY-MM-DD') AS term_end,
         d.status, d.alternate_of_id, a.id AS alternate_id, d.document_id, d.user_id, u.email
  FROM delegates d
  JOIN constituencies c ON c.code = d.constituency_code
  LEFT JOIN delegates a ON a.alternate_of_id = d.id
  LEFT JOIN users u ON u.id = d.user_id`;

export function toSeat(
  row: Pick<DelegateEntity, 'id' | 'constituencyCode' | 'status' | 'alternateOfId' | 'termStart' | 'termEnd'>,
): DelegateSeat {
  return {
    id: row.id,
    constituencyCode: row.constituencyCode,
    status: row.status,
    alternateOfId: row.alternateOfId,
    termStart: row.termStart,
    termEnd: row.termEnd,
  };
}

function view(row: DelegateRow, privileged: boolean): DelegateView {
  const result: DelegateView = {
    id: row.id,
    fullName: row.full_name,
    constituency: { code: row.constituency_code, name: row.constituency_name },
    organization: row.organization,
    termStart: row.term_start,
    termEnd: row.term_end,
    status: row.status,
    alternateOfId: row.alternate_of_id,
    alternateId: row.alternate_id,
    seated: isSeated(
      {
        id: row.id,
        constituencyCode: row.constituency_code,
        status: row.status,
        alternateOfId: row.alternate_of_id,
        termStart: row.term_start,
        termEnd: row.term_end,
      },
      assemblyToday(),
    ),
  };
  return privileged
    ? { ...result, documentId: row.document_id, userId: row.user_id, email: row.email }
    : result;
}

export interface DelegateInput {
  fullName: string;
  documentId: string;
  constituencyCode: string;
  organization?: string | null;
  termStart: string;
  termEnd: string;
  status?: DelegateStatus;
  alternateOfId?: string | null;
  email?: string | null;
}

@Injectable()
export class DelegatesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async constituencies(): Promise<ConstituencyEntity[]> {
    return this.dataSource.getRepository(ConstituencyEntity).find({ order: { code: 'ASC' } });
  }

  async list(
    filter: { constituency?: string; status?: DelegateStatus; q?: string },
    privileged: boolean,
  ): Promise<DelegateView[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.constituency) {
      params.push(filter.constituency);
      where.push(`d.constituency_code = $${params.length}`);
    }
    if (filter.status) {
      params.push(filter.status);
      where.push(`d.status = $${params.length}`);
    }
    if (filter.q) {
      params.push(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(
        `(unaccent(lower(d.full_name)) LIKE unaccent(lower($${params.length})) OR unaccent(lower(coalesce(d.organization, ''))) LIKE unaccent(lower($${params.length})))`,
      );
    }
    const rows: DelegateRow[] = await this.dataSource.query(
      `${SELECT_DELEGATES} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.name, d.alternate_of_id NULLS FIRST, d.full_name`,
      params,
    );
    return rows.map((row) => view(row, privileged));
  }

  async get(
    id: string,
    privileged: boolean,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DelegateView> {
    const rows: DelegateRow[] = await manager.query(`${SELECT_DELEGATES} WHERE d.id = $1`, [id]);
    if (!rows[0]) throw new DomainError('DELEGATE_NOT_FOUND');
    return view(rows[0], privileged);
  }

  async create(input: DelegateInput): Promise<DelegateView> {
    return this.dataSource.transaction(async (manager) => {
      const id = await this.insert(manager, input);
      return this.get(id, true, manager);
    });
  }

  /** Writes one delegate inside the caller's transaction after checking province, term, alternate and account. */
  async insert(manager: EntityManager, input: DelegateInput): Promise<string> {
    await this.checkConstituency(manager, input.constituencyCode);
    if (!isTermValid(input.termStart, input.termEnd)) throw new DomainError('TERM_INVALID');
    if (input.alternateOfId)
      await this.checkAlternate(manager, undefined, input.constituencyCode, input.alternateOfId);
    const userId = input.email ? await this.linkAccount(manager, input.email, input.fullName) : null;
    try {
      const saved = await manager.getRepository(DelegateEntity).save({
        fullName: input.fullName.trim(),
        documentId: input.documentId.toUpperCase(),
        constituencyCode: input.constituencyCode,
        organization: input.organization?.trim() || null,
        termStart: input.termStart,
        termEnd: input.termEnd,
        status: input.status ?? 'active',
        alternateOfId: input.alternateOfId ?? null,
        userId,
      });
      return saved.id;
    } catch (error) {
      throw translate(error, input.documentId);
    }
  }

  async update(
    id: string,
    changes: Partial<Omit<DelegateInput, 'documentId' | 'email'>>,
  ): Promise<DelegateView> {
    return this.dataSource.transaction(async (manager) => {
      const current = await manager
        .getRepository(DelegateEntity)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw new DomainError('DELEGATE_NOT_FOUND');
      const next = {
        fullName: changes.fullName?.trim() ?? current.fullName,
        constituencyCode: changes.constituencyCode ?? current.constituencyCode,
        organization:
          changes.organization !== undefined ? changes.organization?.trim() || null : current.organization,
        termStart: changes.termStart ?? current.termStart,
        termEnd: changes.termEnd ?? current.termEnd,
        status: changes.status ?? current.status,
        alternateOfId: changes.alternateOfId !== undefined ? changes.alternateOfId : current.alternateOfId,
      };
      await this.checkConstituency(manager, next.constituencyCode);
      if (!isTermValid(next.termStart, next.termEnd)) throw new DomainError('TERM_INVALID');
      if (next.alternateOfId)
        await this.checkAlternate(manager, id, next.constituencyCode, next.alternateOfId);
      try {
        await manager.update(DelegateEntity, { id }, next);
      } catch (error) {
        throw translate(error, current.documentId);
      }
      return this.get(id, true, manager);
    });
  }

  /** Links an account by email (adding the delegate role) or creates one without a password. */
  async linkAccount(manager: EntityManager, email: string, displayName: string): Promise<string> {
    const normalized = email.trim().toLowerCase();
    const users = manager.getRepository(UserEntity);
    const existing = await users.findOne({
      where: { email: normalized },
      lock: { mode: 'pessimistic_write' },
    });
    if (existing) {
      const linked = await manager.getRepository(DelegateEntity).existsBy({ userId: existing.id });
      if (linked) throw new DomainError('USER_ALREADY_DELEGATE');
      if (!existing.roles.includes('delegate')) {
        await users.update({ id: existing.id }, { roles: [...existing.roles, 'delegate'] });
      }
      return existing.id;
    }
    const created = await users.save({
      email: normalized,
      displayName: displayName.trim(),
      passwordHash: null,
      roles: ['delegate'],
      institutionId: null,
      active: true,
    });
    return created.id;
  }

  private async checkConstituency(manager: EntityManager, code: string): Promise<void> {
    if (!(await manager.getRepository(ConstituencyEntity).existsBy({ code }))) {
      throw new DomainError('CONSTITUENCY_NOT_FOUND', { code });
    }
  }

  private async checkAlternate(
    manager: EntityManager,
    candidateId: string | undefined,
    constituencyCode: string,
    titularId: string,
  ): Promise<void> {
    const repository = manager.getRepository(DelegateEntity);
    const titular = await repository.findOne({
      where: { id: titularId },
      lock: { mode: 'pessimistic_write' },
    });
    const currentAlternate = titular ? await repository.findOneBy({ alternateOfId: titular.id }) : null;
    const hasOwnAlternate = candidateId ? await repository.existsBy({ alternateOfId: candidateId }) : false;
    const problem = alternateProblem(
      { id: candidateId, constituencyCode, hasOwnAlternate },
      titular ? { ...toSeat(titular), currentAlternateId: currentAlternate?.id ?? null } : undefined,
    );
    if (problem)
      throw new DomainError('ALTERNATE_INVALID', { reason: ALTERNATE_PROBLEM_TEXT[problem] }, { problem });
  }
}

function translate(error: unknown, documentId: string): unknown {
  if (!(error instanceof QueryFailedError)) return error;
  const { code, constraint } = error.driverError as { code?: string; constraint?: string };
  if (code === '23505' && constraint?.includes('document_id'))
    return new DomainError('DOCUMENT_ID_TAKEN', { documentId });
  if (code === '23505' && constraint?.includes('user_id')) return new DomainError('USER_ALREADY_DELEGATE');
  if (code === '23505' && constraint === 'delegates_one_alternate_idx') {
    return new DomainError('ALTERNATE_INVALID', { reason: ALTERNATE_PROBLEM_TEXT.titular_has_alternate });
  }
  return error;
}
