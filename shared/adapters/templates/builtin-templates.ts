import { closesIncident } from '../../domain/follow-up.js';
import { templateVariables } from '../../domain/rendering/template-text.js';
import { BUILTIN_VARIABLES, type TemplateVariable, templateId } from '../../domain/template.js';
import type { BroadcastKind, FollowUpKind } from '../../domain/vocabulary.js';
import type { Template, TemplateSource } from '../../ports/templates.js';

/**
 * The templates Herald ships with, for the sample registry's categories in English and French,
 * written and reviewed per language (never translated by machine). Communications staff replace
 * them with their own published versions.
 *
 * Conventions the renderer relies on:
 * - X, SMS and e-mail texts do not include `{{link}}`: the renderer adds the link to every post,
 *   to the SMS and at the end of the e-mail.
 * - The EXERCISE/TEST label is added by the renderer, never written here.
 * - SMS texts are short: French needs UCS-2 (67 characters a part) and the link takes ~30-60 of
 *   the 134 characters of two parts, so the SMS says what and where and leaves the rest to the page.
 * - A line whose placeholders are all empty is dropped, so optional facts sit on their own line.
 */

type Wording = Pick<Template, 'headline' | 'x' | 'sms' | 'emailSubject' | 'emailBody'>;
type Language = 'en' | 'fr';

interface CategoryWording {
  alert: Wording;
  /** Names the incident in follow-ups: what and where. */
  about: string;
  /** A shorter `about` for the SMS of follow-ups. */
  smsAbout: string;
}

const CATEGORIES: Record<string, Record<Language, CategoryWording>> = {
  'weapons-call': {
    en: {
      about: 'Weapons call, {{location}}',
      smsAbout: 'Weapons call, {{location}}',
      alert: {
        headline: 'Weapons call: {{location}}',
        x: 'Weapons call at {{location}} ({{areas}}), {{time}}. Police are on scene. Avoid the area.\n{{description}}',
        sms: 'Weapons call at {{location}}, {{time}}. Police on scene. Avoid the area.',
        emailSubject: 'Weapons call: {{location}}',
        emailBody:
          'Police are responding to a weapons call at {{location}} ({{areas}}), reported at {{time}}.\n\n' +
          '{{description}}\n\n' +
          "Avoid the area and follow officers' directions. Do not approach anyone involved: call 911.\n\n" +
          'Anyone with information is asked to contact police.\n\n{{service}}',
      },
    },
    fr: {
      about: 'Appel pour arme à feu, {{location}}',
      smsAbout: 'Arme à feu, {{location}}',
      alert: {
        headline: 'Appel pour arme à feu : {{location}}',
        x:
          'Appel pour arme à feu, {{location}} ({{areas}}), {{time}}. Les policiers sont sur place. ' +
          'Évitez le secteur.\n{{description}}',
        sms: 'Arme à feu signalée, {{location}}, {{time}}. Évitez le secteur.',
        emailSubject: 'Appel pour arme à feu : {{location}}',
        emailBody:
          'Les policiers interviennent à la suite d’un appel pour arme à feu, {{location}} ({{areas}}), ' +
          'signalé à {{time}}.\n\n{{description}}\n\n' +
          'Évitez le secteur et suivez les consignes des policiers. N’approchez personne : composez le 911.\n\n' +
          'Toute personne qui détient de l’information est priée de communiquer avec la police.\n\n{{service}}',
      },
    },
  },
  'missing-person': {
    en: {
      about: 'Missing person {{name}}, {{age}}',
      smsAbout: 'Missing person {{name}}, {{age}}',
      alert: {
        headline: 'Missing: {{name}}, {{age}}',
        x:
          'MISSING: {{name}}, {{age}}, last seen at {{lastSeenTime}} near {{lastSeenLocation}} ({{areas}}).\n' +
          '{{description}}\nIf you see {{name}}, call 911.',
        sms: 'Missing: {{name}}, {{age}}, last seen {{lastSeenTime}} near {{lastSeenLocation}}. If seen, call 911.',
        emailSubject: 'Missing person: {{name}}, {{age}}',
        emailBody:
          'Police are asking for help to find {{name}}, {{age}}, last seen at {{lastSeenTime}} ' +
          'near {{lastSeenLocation}} ({{areas}}).\n\nDescription: {{description}}\n\n' +
          'If you see {{name}}, call 911 right away. Anyone with information is asked to contact police.\n\n' +
          '{{service}}',
      },
    },
    fr: {
      about: 'Personne disparue : {{name}}, {{age}} ans',
      smsAbout: 'Disparition : {{name}}, {{age}} ans',
      alert: {
        headline: 'Disparition : {{name}}, {{age}} ans',
        x:
          'DISPARITION : {{name}}, {{age}} ans. Dernier lieu connu : {{lastSeenLocation}} ({{areas}}), ' +
          'vers {{lastSeenTime}}.\n{{description}}\nSi vous voyez {{name}}, composez le 911.',
        sms: 'Disparition : {{name}}, {{age}} ans. Dernier lieu connu : {{lastSeenLocation}}, {{lastSeenTime}}. Composez le 911.',
        emailSubject: 'Personne disparue : {{name}}, {{age}} ans',
        emailBody:
          'La police demande l’aide du public pour retrouver {{name}}, {{age}} ans. ' +
          'Dernier lieu connu : {{lastSeenLocation}} ({{areas}}), vers {{lastSeenTime}}.\n\n' +
          'Signalement : {{description}}\n\n' +
          'Si vous voyez {{name}}, composez immédiatement le 911. Toute personne qui détient de ' +
          'l’information est priée de communiquer avec la police.\n\n{{service}}',
      },
    },
  },
  collision: {
    en: {
      about: 'Serious collision, {{location}}',
      smsAbout: 'Collision, {{location}}',
      alert: {
        headline: 'Serious collision: {{location}}',
        x: 'Serious collision at {{location}} ({{areas}}), {{time}}. Expect delays and use another route.\n{{closures}}',
        sms: 'Serious collision at {{location}}. {{closures}} Use another route.',
        emailSubject: 'Serious collision: {{location}}',
        emailBody:
          'Police are on scene of a serious collision at {{location}} ({{areas}}), reported at {{time}}.\n\n' +
          '{{closures}}\n\nExpect delays and use another route.\n\n' +
          'Witnesses and anyone with dashcam video are asked to contact police.\n\n{{service}}',
      },
    },
    fr: {
      about: 'Collision grave, {{location}}',
      smsAbout: 'Collision, {{location}}',
      alert: {
        headline: 'Collision grave : {{location}}',
        x:
          'Collision grave, {{location}} ({{areas}}), {{time}}. Prévoyez des retards et empruntez un autre ' +
          'trajet.\n{{closures}}',
        sms: 'Collision grave, {{location}}. {{closures}}',
        emailSubject: 'Collision grave : {{location}}',
        emailBody:
          'Les policiers sont sur les lieux d’une collision grave, {{location}} ({{areas}}), signalée à ' +
          '{{time}}.\n\n{{closures}}\n\nPrévoyez des retards et empruntez un autre trajet.\n\n' +
          'Les témoins et toute personne ayant une vidéo de caméra embarquée sont priés de communiquer ' +
          'avec la police.\n\n{{service}}',
      },
    },
  },
  'road-closure': {
    en: {
      about: 'Road closure, {{location}}',
      smsAbout: 'Road closure, {{location}}',
      alert: {
        headline: 'Road closure: {{location}}',
        x: 'Road closure: {{location}} ({{areas}}) is closed {{until}}. {{reason}} Please use another route.',
        sms: 'Road closed: {{location}}, {{until}}. Use another route.',
        emailSubject: 'Road closure: {{location}}',
        emailBody:
          '{{location}} ({{areas}}) is closed {{until}}.\n\n{{reason}}\n\n' +
          'Please use another route and allow extra travel time.\n\n{{service}}',
      },
    },
    fr: {
      about: 'Fermeture de route, {{location}}',
      smsAbout: 'Fermeture, {{location}}',
      alert: {
        headline: 'Fermeture de route : {{location}}',
        x: 'Fermeture de route : {{location}} ({{areas}}), {{until}}. {{reason}} Empruntez un autre trajet.',
        sms: 'Fermeture : {{location}}, {{until}}. Prenez un autre trajet.',
        emailSubject: 'Fermeture de route : {{location}}',
        emailBody:
          'Fermeture de route : {{location}} ({{areas}}), {{until}}.\n\n{{reason}}\n\n' +
          'Empruntez un autre trajet et prévoyez plus de temps pour vos déplacements.\n\n{{service}}',
      },
    },
  },
  // Worded with restraint: naming the category next to an address can identify a household.
  'domestic-violence': {
    en: {
      about: 'Police investigation, {{location}}',
      smsAbout: 'Police investigation, {{location}}',
      alert: {
        headline: 'Police investigation: {{location}}',
        x:
          'Police are investigating an incident at {{location}} ({{areas}}), {{time}}.\n{{description}}\n' +
          'Support for anyone affected:',
        sms: 'Police investigating at {{location}}, {{time}}. Support and details:',
        emailSubject: 'Police investigation: {{location}}',
        emailBody:
          'Police are investigating an incident at {{location}} ({{areas}}), reported at {{time}}.\n\n' +
          '{{description}}\n\n' +
          'If you are in danger, call 911. Confidential support is available for anyone affected by ' +
          'violence at home; the resources are listed at the link below.\n\n{{service}}',
      },
    },
    fr: {
      about: 'Enquête policière, {{location}}',
      smsAbout: 'Intervention policière, {{location}}',
      alert: {
        headline: 'Enquête policière : {{location}}',
        x:
          'La police enquête sur un incident survenu à {{location}} ({{areas}}), {{time}}.\n{{description}}\n' +
          'Du soutien est offert aux personnes touchées :',
        sms: 'Intervention policière, {{location}}, {{time}}. Aide et détails :',
        emailSubject: 'Enquête policière : {{location}}',
        emailBody:
          'La police enquête sur un incident survenu à {{location}} ({{areas}}), signalé à {{time}}.\n\n' +
          '{{description}}\n\n' +
          'Si vous êtes en danger, composez le 911. Du soutien confidentiel est offert aux personnes ' +
          'touchées par la violence familiale ou conjugale ; les ressources sont indiquées au lien ' +
          'ci-dessous.\n\n{{service}}',
      },
    },
  },
  'public-safety': {
    en: {
      about: 'Public-safety advisory, {{location}}',
      smsAbout: 'Advisory, {{location}}',
      alert: {
        headline: 'Public-safety advisory: {{location}}',
        x: 'Public-safety advisory, {{location}} ({{areas}}): {{description}} {{instruction}}',
        sms: 'Advisory, {{location}}: {{instruction}}',
        emailSubject: 'Public-safety advisory: {{location}}',
        emailBody:
          'Public-safety advisory for {{location}} ({{areas}}).\n\n{{description}}\n\n{{instruction}}\n\n{{service}}',
      },
    },
    fr: {
      about: 'Avis de sécurité publique, {{location}}',
      smsAbout: 'Avis, {{location}}',
      alert: {
        headline: 'Avis de sécurité publique : {{location}}',
        x: 'Avis de sécurité publique, {{location}} ({{areas}}) : {{description}} {{instruction}}',
        sms: 'Avis, {{location}} : {{instruction}}',
        emailSubject: 'Avis de sécurité publique : {{location}}',
        emailBody:
          'Avis de sécurité publique : {{location}} ({{areas}}).\n\n{{description}}\n\n{{instruction}}\n\n{{service}}',
      },
    },
  },
  'severe-weather': {
    en: {
      about: '{{hazard}}',
      smsAbout: '{{hazard}}',
      alert: {
        headline: '{{hazard}}',
        x: 'Warning: {{hazard}}.\nArea: {{location}} ({{areas}}).\n{{instruction}}\nIn effect {{until}}.',
        sms: '{{hazard}}. {{instruction}}',
        emailSubject: 'Warning: {{hazard}}',
        emailBody:
          'Warning: {{hazard}}.\n\nArea: {{location}} ({{areas}}).\n\n{{instruction}}\n\n' +
          'In effect {{until}}.\n\n{{service}}',
      },
    },
    fr: {
      about: '{{hazard}}',
      smsAbout: '{{hazard}}',
      alert: {
        headline: '{{hazard}}',
        x: 'Avertissement : {{hazard}}.\nSecteur : {{location}} ({{areas}}).\n{{instruction}}\nEn vigueur {{until}}.',
        sms: '{{hazard}}. {{instruction}}',
        emailSubject: 'Avertissement : {{hazard}}',
        emailBody:
          'Avertissement : {{hazard}}.\n\nSecteur : {{location}} ({{areas}}).\n\n{{instruction}}\n\n' +
          'En vigueur {{until}}.\n\n{{service}}',
      },
    },
  },
};

/**
 * Follow-ups share one wording per kind and language, around the category's `about`. The label
 * (UPDATE, CANCELLED...) is part of the wording; `{{note}}` is the inspector's own text and sits
 * on its own line so the message still reads well without it.
 */
const FOLLOW_UPS: Record<
  Language,
  Record<FollowUpKind, { label: string; smsLabel?: string; closing: string }>
> = {
  en: {
    update: { label: 'UPDATE: ', closing: '' },
    correction: { label: 'CORRECTION: ', closing: 'This replaces our earlier message.' },
    cancel: {
      label: 'CANCELLED: ',
      closing: 'This alert is cancelled. No action is needed.',
    },
    'all-clear': {
      label: 'ALL CLEAR: ',
      closing: 'The situation has been resolved. Thank you for your cooperation.',
    },
  },
  fr: {
    // Sentence case in the SMS: a capital À is outside GSM-7 and would halve the SMS budget.
    update: { label: 'MISE À JOUR : ', smsLabel: 'Mise à jour : ', closing: '' },
    correction: { label: 'CORRECTIF : ', closing: 'Ce message remplace notre message précédent.' },
    cancel: {
      label: 'ANNULÉ : ',
      closing: 'Cette alerte est annulée. Aucune action n’est requise.',
    },
    'all-clear': {
      label: 'FIN DE L’ALERTE : ',
      closing: 'La situation est réglée. Merci de votre collaboration.',
    },
  },
};

function followUp(language: Language, kind: FollowUpKind, wording: CategoryWording): Wording {
  const { label, smsLabel = label, closing } = FOLLOW_UPS[language][kind];
  const lines = (...parts: string[]) => parts.filter(Boolean).join('\n');
  return {
    headline: `${label}${wording.about}`,
    x: lines(`${label}${wording.about} ({{areas}}).`, '{{note}}', closing),
    sms: `${smsLabel}${wording.smsAbout}. {{note}}`,
    emailSubject: `${label}${wording.about}`,
    emailBody: [`${label}${wording.about} ({{areas}}).`, '{{note}}', closing, '{{service}}']
      .filter(Boolean)
      .join('\n\n'),
  };
}

/**
 * CAP `instruction` per category: the one thing to do now. Cancel and all-clear say instead that
 * nothing more is needed (their closing line).
 */
const INSTRUCTIONS: Record<string, Record<Language, string>> = {
  'weapons-call': {
    en: "Avoid the area and follow officers' directions. Do not approach anyone involved: call 911.",
    fr: 'Évitez le secteur et suivez les consignes des policiers. N’approchez personne : composez le 911.',
  },
  'missing-person': {
    en: 'If you see {{name}}, call 911 right away. Do not approach if you feel unsafe.',
    fr: 'Si vous voyez {{name}}, composez le 911 immédiatement.',
  },
  collision: {
    en: 'Avoid the area and use another route. Witnesses are asked to contact police.',
    fr: 'Évitez le secteur et empruntez un autre trajet. Les témoins sont priés de communiquer avec la police.',
  },
  'road-closure': {
    en: 'Plan another route and allow extra time.',
    fr: 'Prévoyez un autre trajet et plus de temps pour vos déplacements.',
  },
  'domestic-violence': {
    en: 'If you are in danger, call 911. Support is available 24 hours a day.',
    fr: 'Si vous êtes en danger, composez le 911. De l’aide est offerte 24 heures sur 24.',
  },
  'public-safety': {
    en: "Follow officers' directions and avoid the area until further notice.",
    fr: 'Suivez les consignes des policiers et évitez le secteur jusqu’à nouvel ordre.',
  },
  'severe-weather': {
    en: 'Stay indoors if you can, check on neighbours, and call 911 in an emergency.',
    fr: 'Restez à l’intérieur si possible, prenez des nouvelles de vos voisins et composez le 911 en cas d’urgence.',
  },
};

/** The variables a built-in template uses, declared loosely: the category's facts set the rules. */
function declaredVariables(texts: string[]): TemplateVariable[] {
  const names = templateVariables(texts.join('\n')).filter(
    (name) => !(BUILTIN_VARIABLES as readonly string[]).includes(name),
  );
  return names.map((name) => ({ name, required: false, type: 'text', maxLength: 500, example: '' }));
}

function buildTemplates(): Template[] {
  const templates: Template[] = [];
  for (const [category, byLanguage] of Object.entries(CATEGORIES)) {
    for (const language of ['en', 'fr'] as const) {
      const wording = byLanguage[language];
      const kinds: [BroadcastKind, Wording][] = [
        ['alert', wording.alert],
        ...(Object.keys(FOLLOW_UPS[language]) as FollowUpKind[]).map((kind): [BroadcastKind, Wording] => [
          kind,
          followUp(language, kind, wording),
        ]),
      ];
      const instruction = INSTRUCTIONS[category]?.[language] ?? '';
      for (const [kind, fields] of kinds) {
        const closes = kind !== 'alert' && closesIncident(kind);
        const variants = {
          ...fields,
          capDescription: fields.x,
          capInstruction: closes ? FOLLOW_UPS[language][kind as FollowUpKind].closing : instruction,
          web: fields.emailBody,
        };
        templates.push({
          id: templateId({ category, language, kind }),
          version: 1,
          category,
          language,
          kind,
          ...variants,
          variables: declaredVariables(Object.values(variants)),
          publishedAt: BUILTIN_PUBLISHED_AT,
          publishedBy: BUILTIN_AUTHOR,
        });
      }
    }
  }
  return templates;
}

/** Who "published" the built-in templates, and when: the release that shipped them. */
export const BUILTIN_AUTHOR = 'system:builtin';
const BUILTIN_PUBLISHED_AT = '2026-11-01T00:00:00.000Z';

/** Every built-in template, for listing and for checks against the registry. */
export const builtinTemplateList: readonly Template[] = buildTemplates();

const byKey = new Map(builtinTemplateList.map((t) => [`${t.category}|${t.language}|${t.kind}`, t]));

export const builtinTemplates: TemplateSource = {
  async find({ category, language, kind }) {
    return byKey.get(`${category}|${language}|${kind}`);
  },
};
