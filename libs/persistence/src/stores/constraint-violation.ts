import { QueryFailedError } from 'typeorm';

/** The PostgreSQL error code and constraint of a statement the database refused; {} for any other error. */
export function constraintViolation(error: unknown): { code?: string; constraint?: string } {
  return error instanceof QueryFailedError
    ? (error.driverError as { code?: string; constraint?: string })
    : {};
}
