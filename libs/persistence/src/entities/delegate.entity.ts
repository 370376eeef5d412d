import type { DelegateStatus } from '#domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('delegates')
export class DelegateEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'full_name', type: 'text' })
  fullName: string;

  /** DNI or other identity document; never published. */
  @Column({ name: 'document_id', type: 'text', unique: true })
  documentId: string;

  @Column({ name: 'constituency_code', type: 'text' })
  constituencyCode: string;

  @Column({ type: 'text', nullable: true })
  organization: string | null;

  @Column({ name: 'term_start', type: 'date' })
  termStart: string;

  @Column({ name: 'term_end', type: 'date' })
  termEnd: string;

  @Column({ type: 'text', default: 'active' })
  status: DelegateStatus;

  @Column({ name: 'alternate_of_id', type: 'uuid', nullable: true })
  alternateOfId: string | null;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
