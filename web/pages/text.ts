import type { PublicState } from '../../shared/domain/public-alert.js';
import type { BroadcastKind } from '../../shared/domain/vocabulary.js';
import { dateTimeFormat } from '../date-format.js';

/**
 * Every word the public pages show, per language. French is written, not translated by machine;
 * a language without its own text falls back to English (the registry may list more languages
 * than the pages have words for).
 */
export interface PageText {
  skipLink: string;
  languageSwitch: string;
  exerciseBanner: (status: 'Exercise' | 'Test') => string;
  exerciseTitle: (status: 'Exercise' | 'Test') => string;
  states: Record<PublicState, string>;
  kinds: Record<BroadcastKind, string>;
  whatToDo: string;
  issued: string;
  lastUpdated: string;
  expires: string;
  areas: string;
  citywide: string;
  followUps: string;
  thisMessage: string;
  latestBanner: string;
  readLatest: string;
  helpAndSupport: string;
  call: string;
  text: string;
  hours: string;
  eligibility: string;
  languagesServed: string;
  website: string;
  capDocument: string;
  feed: string;
  feedTitle: (scope: string) => string;
  currentAlerts: string;
  noCurrentAlerts: string;
  recentAlerts: string;
  noRecentAlerts: string;
  divisions: string;
  alertsFor: (division: string) => string;
  signUp: string;
  signUpPitch: string;
  home: string;
  footer: string;
  notOfficialAlertReady: string;
}

const en: PageText = {
  skipLink: 'Skip to main content',
  languageSwitch: 'Language',
  exerciseBanner: (status) =>
    status === 'Exercise'
      ? 'EXERCISE — this is a drill. No action is needed.'
      : 'TEST — this is a test message. No action is needed.',
  exerciseTitle: (status) => (status === 'Exercise' ? 'EXERCISE' : 'TEST'),
  states: {
    active: 'Active alert',
    updated: 'Updated',
    corrected: 'Corrected',
    cancelled: 'Cancelled',
    'all-clear': 'All clear',
    expired: 'Expired',
  },
  kinds: {
    alert: 'Alert',
    update: 'Update',
    correction: 'Correction',
    cancel: 'Cancellation',
    'all-clear': 'All clear',
  },
  whatToDo: 'What to do now',
  issued: 'Issued',
  lastUpdated: 'Last updated',
  expires: 'Expires',
  areas: 'Areas',
  citywide: 'City-wide',
  followUps: 'Messages about this incident',
  thisMessage: 'this message',
  latestBanner: 'There is a newer message about this incident.',
  readLatest: 'Read the latest message',
  helpAndSupport: 'Help and support',
  call: 'Call',
  text: 'Text',
  hours: 'Hours',
  eligibility: 'For',
  languagesServed: 'Languages',
  website: 'Website',
  capDocument: 'This alert in CAP format (for alerting systems)',
  feed: 'Atom feed of current alerts',
  feedTitle: (scope) => `Current alerts: ${scope}`,
  currentAlerts: 'Current alerts',
  noCurrentAlerts: 'There are no current alerts.',
  recentAlerts: 'Recent alerts',
  noRecentAlerts: 'No alerts in the last 30 days.',
  divisions: 'Alerts by division',
  alertsFor: (division) => `Alerts for ${division}`,
  signUp: 'Get alerts by text message or e-mail',
  signUpPitch: 'Choose your areas and language. You can stop at any time.',
  home: 'All alerts',
  footer: 'Public alerts from the police service. In an emergency, call 911.',
  notOfficialAlertReady:
    'These alerts are not part of the national Alert Ready system on radio, television and phones.',
};

const fr: PageText = {
  skipLink: 'Passer au contenu principal',
  languageSwitch: 'Langue',
  exerciseBanner: (status) =>
    status === 'Exercise'
      ? 'EXERCICE — ceci est une simulation. Aucune action n’est requise.'
      : 'TEST — ceci est un message d’essai. Aucune action n’est requise.',
  exerciseTitle: (status) => (status === 'Exercise' ? 'EXERCICE' : 'TEST'),
  states: {
    active: 'Alerte en cours',
    updated: 'Mise à jour',
    corrected: 'Corrigée',
    cancelled: 'Annulée',
    'all-clear': 'Fin de l’alerte',
    expired: 'Expirée',
  },
  kinds: {
    alert: 'Alerte',
    update: 'Mise à jour',
    correction: 'Correction',
    cancel: 'Annulation',
    'all-clear': 'Fin de l’alerte',
  },
  whatToDo: 'Que faire maintenant',
  issued: 'Émise',
  lastUpdated: 'Dernière mise à jour',
  expires: 'Expire',
  areas: 'Secteurs',
  citywide: 'Toute la ville',
  followUps: 'Messages sur cet incident',
  thisMessage: 'ce message',
  latestBanner: 'Un message plus récent existe pour cet incident.',
  readLatest: 'Lire le dernier message',
  helpAndSupport: 'Aide et soutien',
  call: 'Appel',
  text: 'Texto',
  hours: 'Heures',
  eligibility: 'Pour',
  languagesServed: 'Langues',
  website: 'Site Web',
  capDocument: 'Cette alerte en format CAP (pour les systèmes d’alerte)',
  feed: 'Fil Atom des alertes en cours',
  feedTitle: (scope) => `Alertes en cours : ${scope}`,
  currentAlerts: 'Alertes en cours',
  noCurrentAlerts: 'Aucune alerte en cours.',
  recentAlerts: 'Alertes récentes',
  noRecentAlerts: 'Aucune alerte au cours des 30 derniers jours.',
  divisions: 'Alertes par division',
  alertsFor: (division) => `Alertes pour ${division}`,
  signUp: 'Recevoir les alertes par texto ou par courriel',
  signUpPitch: 'Choisissez vos secteurs et votre langue. Vous pouvez arrêter en tout temps.',
  home: 'Toutes les alertes',
  footer: 'Alertes publiques du service de police. En cas d’urgence, composez le 911.',
  notOfficialAlertReady:
    'Ces alertes ne font pas partie du système national En Alerte (radio, télévision, cellulaires).',
};

const TEXTS: Record<string, PageText> = { en, fr };

export function pageText(language: string): PageText {
  return TEXTS[language] ?? en;
}

/** A time as the city reads it, e.g. "Thursday 3 December 2026, 12:26 p.m." / "jeudi 3 décembre 2026, 12 h 26". */
export function formatTime(iso: string, language: string, timeZone: string): string {
  const date = new Date(iso);
  const locale = language === 'fr' ? 'fr-CA' : 'en-CA';
  return dateTimeFormat(locale, 'public-time', timeZone, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(date);
}
