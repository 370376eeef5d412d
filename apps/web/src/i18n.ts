import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en';
import { es } from './locales/es';
import { evidenceEn } from './locales/evidence.en';
import { evidenceEs } from './locales/evidence.es';
import { loginCodeEn } from './locales/login-code.en';
import { loginCodeEs } from './locales/login-code.es';
import { publicEn } from './locales/public.en';
import { publicEs } from './locales/public.es';
import { recordsEn } from './locales/records.en';
import { recordsEs } from './locales/records.es';
import { rulesEn } from './locales/rules.en';
import { rulesEs } from './locales/rules.es';
import { secretariatNavEn } from './locales/secretariat.en';
import { secretariatNavEs } from './locales/secretariat.es';

const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('lang') : null;

/**
 * What every page needs, in both languages. The consoles' own catalogues come with their lazy chunks
 * (`addCatalogue`), so a phone on the public board does not download them.
 */
const catalogues = {
  es: { ...es, ...recordsEs, ...publicEs, ...secretariatNavEs, ...evidenceEs, ...rulesEs, ...loginCodeEs },
  en: { ...en, ...recordsEn, ...publicEn, ...secretariatNavEn, ...evidenceEn, ...rulesEn, ...loginCodeEn },
};

// Spanish first; English on request (remembered on this device).
void i18n.use(initReactI18next).init({
  resources: { es: { translation: catalogues.es }, en: { translation: catalogues.en } },
  lng: stored === 'en' ? 'en' : 'es',
  fallbackLng: 'es',
  interpolation: { escapeValue: false },
});
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  localStorage.setItem('lang', lng);
});
document.documentElement.lang = i18n.language;

/** Adds a part's catalogue (Spanish and English) when its code loads. */
export function addCatalogue(spanish: object, english: object): void {
  i18n.addResourceBundle('es', 'translation', spanish, true, true);
  i18n.addResourceBundle('en', 'translation', english, true, true);
}

export default i18n;
