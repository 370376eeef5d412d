import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A province of the Cajamarca region; `code` is its INEI ubigeo. */
@Entity('constituencies')
export class ConstituencyEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text', unique: true })
  name: string;

  @Column({ type: 'text' })
  capital: string;
}
