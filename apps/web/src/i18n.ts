import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { delegateEn } from './locales/delegate.en';
import { delegateEs } from './locales/delegate.es';
import { en } from './locales/en';
import { es } from './locales/es';
import { moderatorEn } from './locales/moderator.en';
import { moderatorEs } from './locales/moderator.es';
import { publicEn } from './locales/public.en';
import { publicEs } from './locales/public.es';
import { recordsEn } from './locales/records.en';
import { recordsEs } from './locales/records.es';

const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('lang') : null;

/** Both catalogues, merged: one file per part of the product, each with its Spanish and English. */
export const catalogues = {
  es: { ...es, ...recordsEs, ...delegateEs, ...moderatorEs, ...publicEs },
  en: { ...en, ...recordsEn, ...delegateEn, ...moderatorEn, ...publicEn },
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

export default i18n;
