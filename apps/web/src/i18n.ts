import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en';
import { es } from './locales/es';
import { recordsEn } from './locales/records.en';
import { recordsEs } from './locales/records.es';

const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('lang') : null;

// Spanish first; English on request (remembered on this device).
void i18n.use(initReactI18next).init({
  resources: {
    es: { translation: { ...es, ...recordsEs } },
    en: { translation: { ...en, ...recordsEn } },
  },
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
