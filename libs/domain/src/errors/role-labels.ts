import type { Role } from '../accounts/roles.js';
import type { Language } from './error-catalogue.js';

/** What each role is called for the people who read the messages (not the code's names). */
export const ROLE_LABELS: Record<Language, Record<Role, string>> = {
  es: {
    delegate: 'delegado o delegada',
    moderator: 'Mesa Directiva',
    admin: 'Secretaría Técnica',
    liaison: 'enlace de una institución',
  },
  en: {
    delegate: 'delegate',
    moderator: 'presiding board (moderator)',
    admin: 'secretariat (admin)',
    liaison: 'institution liaison',
  },
};

/** The label with the article the message's sentence needs ("solo para la Mesa Directiva"). */
const WITH_ARTICLE: Record<Language, Record<Role, string>> = {
  es: { delegate: 'un ', moderator: 'la ', admin: 'la ', liaison: 'el ' },
  en: { delegate: 'a ', moderator: 'the ', admin: 'the ', liaison: 'an ' },
};

const OR: Record<Language, string> = { es: ' o ', en: ' or ' };

export function roleLabel(role: Role, language: Language): string {
  return ROLE_LABELS[language][role];
}

/**
 * The roles an action needs, as a translated message parameter `{ es, en }`:
 * ['moderator', 'admin'] → es "la Mesa Directiva o la Secretaría Técnica".
 */
export function rolesPhrase(roles: readonly Role[]): Record<Language, string> {
  const phrase = (language: Language) =>
    roles.map((role) => `${WITH_ARTICLE[language][role]}${ROLE_LABELS[language][role]}`).join(OR[language]);
  return { es: phrase('es'), en: phrase('en') };
}
