// Both catalogues of the web client, checked against each other: same keys, same placeholders, and
// every counted string has its singular and plural forms, so "1 copatrocinios" cannot come back.
import { describe, expect, it } from '@jest/globals';
import i18next from 'i18next';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accountEn } from './account.en';
import { accountEs } from './account.es';
import { chartsEn } from './charts.en';
import { chartsEs } from './charts.es';
import { delegateEn } from './delegate.en';
import { delegateEs } from './delegate.es';
import { electionsEn } from './elections.en';
import { electionsEs } from './elections.es';
import { en } from './en';
import { officesEn } from './offices.en';
import { officesEs } from './offices.es';
import { evidenceEn } from './evidence.en';
import { evidenceEs } from './evidence.es';
import { es } from './es';
import { liaisonEn } from './liaison.en';
import { liaisonEs } from './liaison.es';
import { loginCodeEn } from './login-code.en';
import { loginCodeEs } from './login-code.es';
import { moderatorEn } from './moderator.en';
import { moderatorEs } from './moderator.es';
import { projectorEn } from './projector.en';
import { projectorEs } from './projector.es';
import { offlineEn } from './offline.en';
import { offlineEs } from './offline.es';
import { publicEn } from './public.en';
import { publicEs } from './public.es';
import { recordsEn } from './records.en';
import { recordsEs } from './records.es';
import { rulesEn } from './rules.en';
import { rulesEs } from './rules.es';
import { secondFactorEn } from './second-factor.en';
import { secondFactorEs } from './second-factor.es';
import { secretVotesEn } from './secret-votes.en';
import { secretVotesEs } from './secret-votes.es';
import { secretariatEn, secretariatNavEn } from './secretariat.en';
import { secretariatEs, secretariatNavEs } from './secretariat.es';
import { verifyEn } from './verify.en';
import { verifyEs } from './verify.es';

type Tree = { [key: string]: string | Tree };
const catalogues = {
  es: {
    ...es,
    ...recordsEs,
    ...rulesEs,
    ...delegateEs,
    ...moderatorEs,
    ...publicEs,
    ...secretariatNavEs,
    ...secretariatEs,
    ...officesEs,
    ...evidenceEs,
    ...liaisonEs,
    ...accountEs,
    ...loginCodeEs,
    ...secondFactorEs,
    ...verifyEs,
    ...electionsEs,
    ...chartsEs,
    ...projectorEs,
    ...offlineEs,
    ...secretVotesEs,
  } as Tree,
  en: {
    ...en,
    ...recordsEn,
    ...rulesEn,
    ...delegateEn,
    ...moderatorEn,
    ...publicEn,
    ...secretariatNavEn,
    ...secretariatEn,
    ...officesEn,
    ...evidenceEn,
    ...liaisonEn,
    ...accountEn,
    ...loginCodeEn,
    ...secondFactorEn,
    ...verifyEn,
    ...electionsEn,
    ...chartsEn,
    ...projectorEn,
    ...offlineEn,
    ...secretVotesEn,
  } as Tree,
};

function leaves(tree: Tree, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else leaves(value, path, out);
  }
  return out;
}
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('web client catalogues', () => {
  const esLeaves = leaves(catalogues.es);
  const enLeaves = leaves(catalogues.en);

  it('have the same keys in Spanish and English', () => {
    expect([...enLeaves.keys()].sort()).toEqual([...esLeaves.keys()].sort());
  });

  it('use the same placeholders in both languages', () => {
    const different = [...esLeaves].filter(
      ([key, text]) =>
        JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(enLeaves.get(key) ?? '')),
    );
    expect(different).toEqual([]);
  });

  it('give every counted string a singular and a plural form', () => {
    const counted = [...esLeaves]
      .filter(([, text]) => placeholders(text).includes('count'))
      .map(([key]) => key);
    const unpaired = counted.filter((key) => {
      const base = key.replace(/_(one|other|many|few|two|zero)$/, '');
      return !esLeaves.has(`${base}_one`) || !esLeaves.has(`${base}_other`);
    });
    expect(unpaired).toEqual([]);
    expect(counted.length).toBeGreaterThan(0);
  });

  it('hold every key the client code asks for by name', () => {
    const root = join(process.cwd(), 'apps/web/src');
    const files = (readdirSync(root, { recursive: true }) as string[]).filter(
      (f) => /\.tsx?$/.test(f) && !f.endsWith('.spec.ts') && !f.startsWith('locales'),
    );
    const missing: string[] = [];
    for (const file of files) {
      const source = readFileSync(join(root, file), 'utf8');
      for (const match of source.matchAll(/\bt\(\s*'([a-zA-Z][\w.]*)'/g)) {
        const key = match[1]!;
        if (!esLeaves.has(key) && !esLeaves.has(`${key}_one`)) missing.push(`${file}: ${key}`);
      }
    }
    expect(files.length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  it('say 1 in the singular and 2 in the plural in both languages', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      resources: { es: { translation: catalogues.es }, en: { translation: catalogues.en } },
      lng: 'es',
      interpolation: { escapeValue: false },
    });
    expect(i18n.t('publicPages.motions.cosponsors', { count: 1 })).toBe('1 copatrocinio');
    expect(i18n.t('publicPages.motions.cosponsors', { count: 2 })).toBe('2 copatrocinios');
    expect(i18n.t('publicPages.motions.cosponsors', { count: 1, lng: 'en' })).toBe('1 co-sponsor');
    expect(i18n.t('publicPages.motions.cosponsors', { count: 2, lng: 'en' })).toBe('2 co-sponsors');
    const bases = new Set(
      [...esLeaves.keys()].filter((k) => k.endsWith('_one')).map((k) => k.slice(0, -'_one'.length)),
    );
    for (const base of bases)
      for (const lng of ['es', 'en']) {
        const one = i18n.t(base, { count: 1, lng, defaultValue: '' });
        const two = i18n.t(base, { count: 2, lng, defaultValue: '' });
        expect({ base, lng, differ: one !== two }).toEqual({ base, lng, differ: true });
      }
  });
});
