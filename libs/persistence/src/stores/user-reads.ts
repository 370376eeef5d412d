import type { DataSource, EntityManager } from 'typeorm';
import { UserEntity } from '../entities/user.entity.js';

type Source = DataSource | EntityManager;

/** Every account, by email (the password hash is never selected). */
export function readUsers(source: Source): Promise<UserEntity[]> {
  return source.getRepository(UserEntity).find({ order: { email: 'ASC' } });
}

export function readUser(source: Source, id: string): Promise<UserEntity | null> {
  return source.getRepository(UserEntity).findOne({ where: { id } });
}

export function readUserByEmail(source: Source, email: string): Promise<UserEntity | null> {
  return source.getRepository(UserEntity).findOneBy({ email });
}
