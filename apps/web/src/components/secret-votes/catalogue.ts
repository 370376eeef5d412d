/** The secret questions' catalogue, added when a chunk that shows one loads (import for the effect). */
import { addCatalogue } from '../../i18n';
import { secretVotesEn } from '../../locales/secret-votes.en';
import { secretVotesEs } from '../../locales/secret-votes.es';

addCatalogue(secretVotesEs, secretVotesEn);
