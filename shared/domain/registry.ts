import * as z from 'zod';
import { lazySchema } from './lazy-schema.js';
import { CapArea, CapEventCode, CapSettings } from './registry-cap.js';
import { safeRecord } from './safe-record.js';
import { CODE_BUDGET_MAX_SHARE, codeBudgetMonthlyUsd, SignUpProtection } from './sign-up-protection.js';
import { LanguageCode } from './vocabulary.js';

/**
 * The registry: divisions, units, their X accounts, languages, incident categories and the
 * sandbox used by exercises. It is configuration, not code: both runtimes and CDK read the same
 * file, and a bad file stops start-up with the path of the bad field.
 */

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const Id = lazySchema(() =>
  z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
);

/** A text per registry language, e.g. `{ en: 'Missing person', fr: 'Personne disparue' }`. */
const Localized = lazySchema(() => safeRecord(LanguageCode, z.string().min(1)));

export const AccountKind = lazySchema(() => z.enum(['division', 'unit', 'headquarters', 'sandbox']));

export const Account = lazySchema(() =>
  z.strictObject({
    id: Id,
    /** The X handle without @. Sample handles are illustrative, not real accounts. */
    handle: z.string().regex(/^[A-Za-z0-9_]{1,15}$/, 'an X handle: 1-15 letters, digits or _'),
    kind: AccountKind,
    name: z.string().min(1),
  }),
);
export type Account = z.infer<typeof Account>;

export const Division = lazySchema(() =>
  z.strictObject({
    id: Id,
    name: Localized,
    accountId: Id,
    /** The division as a CAP `area` (feeds and CAP documents). */
    capArea: CapArea,
  }),
);
export type Division = z.infer<typeof Division>;

export const Unit = lazySchema(() =>
  z.strictObject({
    id: Id,
    name: Localized,
    accountId: Id,
  }),
);
export type Unit = z.infer<typeof Unit>;

export const FactDeclaration = lazySchema(() =>
  z.strictObject({
    name: z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'camelCase'),
    required: z.boolean(),
    /** True when the inspector writes this fact once per language (free text); false for names, times, places. */
    localized: z.boolean().default(false),
    maxLength: z.number().int().positive().max(500),
    example: z.union([z.string(), Localized]),
    description: z.string().optional(),
  }),
);
export type FactDeclaration = z.infer<typeof FactDeclaration>;

/** When the headquarters account also posts a category's broadcasts. */
export const HeadquartersPolicy = lazySchema(() =>
  z.enum(['always', 'citywide-or-extreme', 'citywide-only']),
);

export const Category = lazySchema(() =>
  z.strictObject({
    id: Id,
    name: Localized,
    /** CAP category (OASIS CAP 1.2 `category`). */
    capCategory: z.enum([
      'Safety',
      'Security',
      'Rescue',
      'Fire',
      'Health',
      'Env',
      'Transport',
      'Infra',
      'Met',
      'Other',
    ]),
    /** CAP-CP event code: what receivers in Canada filter and sort on (CAP `eventCode`). */
    capEventCode: CapEventCode,
    /** Specialized units whose accounts also post this category, wherever it happens. */
    units: z.array(Id),
    headquarters: HeadquartersPolicy,
    facts: z.array(FactDeclaration).min(1),
  }),
);
export type Category = z.infer<typeof Category>;

export const RegistrySchema = lazySchema(() =>
  z
    .strictObject({
      version: z.string().min(1),
      service: z.strictObject({
        name: Localized,
        /** Public alert pages live at `${publicBaseUrl}/b/{broadcastId}`; every post links there. */
        publicBaseUrl: z.url({ protocol: /^https$/ }),
        /** The city's IANA time zone: public pages show every time as the city reads its clocks. */
        timeZone: z
          .string()
          .refine(isTimeZone, 'an IANA time zone such as America/Toronto')
          .default('America/Toronto'),
      }),
      /** How Herald signs its CAP 1.2 documents (Canadian Profile, CAP-CP). */
      cap: CapSettings,
      languages: z.array(z.strictObject({ code: LanguageCode, name: z.string().min(1) })).min(1),
      accounts: z.array(Account).min(1),
      headquarters: z.strictObject({ accountId: Id }),
      divisions: z.array(Division).min(1),
      units: z.array(Unit),
      categories: z.array(Category).min(1),
      sandbox: z.strictObject({
        /** Exercise and test posts go to these accounts instead of the live ones of the same role. */
        accounts: z.strictObject({ divisions: Id, units: Id, headquarters: Id }),
        /** Prefix of the exercise topics, e.g. `exercise-` gives `exercise-area-14-en`. */
        topicPrefix: z.string().regex(/^[a-z][a-z0-9-]*-$/),
      }),
      x: z
        .strictObject({
          /** The app's posts per rolling 24 hours across all accounts (X's per-app limit for the plan). */
          appPostsPer24h: z.number().int().positive().default(10_000),
        })
        .default({ appPostsPer24h: 10_000 }),
      library: z
        .strictObject({
          /** Resources not verified for longer than this are flagged wherever they appear. */
          staleAfterDays: z.number().int().min(1).max(3650).default(180),
        })
        .default({ staleAfterDays: 180 }),
      contentWarnings: z
        .strictObject({
          /** Which personal-data checks run on the free text of a broadcast before approval. */
          rules: z
            .array(z.enum(['phone-number', 'email-address', 'street-address', 'name-with-age']))
            .default(['phone-number', 'email-address', 'street-address', 'name-with-age']),
        })
        .default({ rules: ['phone-number', 'email-address', 'street-address', 'name-with-age'] }),
      subscriptions: z
        .strictObject({
          /** Areas one sign-up may choose (city-wide counts as one). */
          maxAreas: z.number().int().min(1).max(50).default(3),
          /** Country whose national format a number without `+` is read in (ISO 3166 alpha-2). */
          defaultCountry: z
            .string()
            .regex(/^[A-Z]{2}$/)
            .default('CA'),
          codeTtlMinutes: z.number().int().min(1).max(60).default(10),
          codeAttempts: z.number().int().min(1).max(10).default(5),
          /** Sign-up codes or sign-ups per number or address per hour. */
          perAddressPerHour: z.number().int().min(1).default(5),
          /** Sign-ups per client IP address per hour. */
          perClientPerHour: z.number().int().min(1).default(20),
          /** SNS Subscribe/Unsubscribe calls per second across all workers (SNS's hard limit is 100). */
          snsCallsPerSecond: z.number().int().min(1).max(100).default(80),
          /**
           * Countries whose mobile numbers may sign up (ISO 3166 alpha-2); without it, `defaultCountry`
           * alone (`acceptedCountries`, sign-up-protection.ts). Any other number gets a 422, no SMS.
           */
          allowedCountries: z
            .array(z.string().regex(/^[A-Z]{2}$/))
            .min(1)
            .optional(),
          /** How public sign-ups are kept from being turned against the alerts (D34). */
          protection: SignUpProtection.default(SignUpProtection.parse({})),
        })
        .default({
          maxAreas: 3,
          defaultCountry: 'CA',
          codeTtlMinutes: 10,
          codeAttempts: 5,
          perAddressPerHour: 5,
          perClientPerHour: 20,
          snsCallsPerSecond: 80,
          protection: SignUpProtection.parse({}),
        }),
      sms: z.strictObject({
        /** Part budget per SMS; over it is an error the author sees, never a silent cut. */
        maxParts: z.number().int().min(1).max(10).default(2),
        type: z.enum(['Transactional', 'Promotional']).default('Transactional'),
        /** SMS parts per second the origination number sends (Canadian long code 1, short code 100). */
        partsPerSecond: z.number().positive().max(10_000).default(20),
        originationNumber: z
          .string()
          .regex(/^\+[1-9]\d{7,14}$/, 'an E.164 number such as +15550100')
          .optional(),
        senderId: z
          .string()
          .regex(/^[A-Za-z0-9]{1,11}$/, '1-11 letters or digits')
          .optional(),
        /**
         * The account's SNS monthly SMS spend limit (USD): SNS stops every SMS, alerts included, once
         * it is spent. The sign-up code budget must stay well below it (D34); the spend alarms take
         * 50% and 80% of it unless `-c smsMonthlySpendLimitUsd` says otherwise.
         */
        monthlySpendLimitUsd: z.number().positive().default(100),
      }),
    })
    .superRefine((registry, ctx) => {
      const codes = registry.subscriptions.protection.codeSms;
      const ceiling = codeBudgetMonthlyUsd(codes);
      const allowed = registry.sms.monthlySpendLimitUsd * CODE_BUDGET_MAX_SHARE;
      if (ceiling > allowed)
        ctx.addIssue({
          code: 'custom',
          path: ['subscriptions', 'protection', 'codeSms', 'perDay'],
          message: `sign-up codes could spend USD ${ceiling.toFixed(2)} a month (perDay x 31 x usdEach), over ${CODE_BUDGET_MAX_SHARE * 100}% of sms.monthlySpendLimitUsd (USD ${registry.sms.monthlySpendLimitUsd}): lower the budget or raise the limit, so alerts keep their headroom`,
        });
      if (codes.perHour > codes.perDay)
        ctx.addIssue({
          code: 'custom',
          path: ['subscriptions', 'protection', 'codeSms', 'perHour'],
          message: 'the hourly code budget cannot exceed the daily one',
        });
      const accounts = new Map(registry.accounts.map((a) => [a.id, a]));
      const languages = registry.languages.map((l) => l.code);
      const issue = (path: (string | number)[], message: string) =>
        ctx.addIssue({ code: 'custom', path, message });

      const unique = (key: string, ids: string[]) => {
        const seen = new Set<string>();
        ids.forEach((id, i) => {
          if (seen.has(id)) issue([key, i, 'id'], `duplicate id ${id}`);
          seen.add(id);
        });
      };
      for (const key of ['accounts', 'divisions', 'units', 'categories'] as const)
        unique(
          key,
          registry[key].map((entry) => entry.id),
        );

      const accountOf = (path: (string | number)[], id: string, kind: Account['kind']) => {
        const account = accounts.get(id);
        if (!account) issue(path, `unknown account ${id}`);
        else if (account.kind !== kind)
          issue(path, `account ${id} is a ${account.kind} account, expected ${kind}`);
      };
      for (const [i, d] of registry.divisions.entries())
        accountOf(['divisions', i, 'accountId'], d.accountId, 'division');
      for (const [i, u] of registry.units.entries())
        accountOf(['units', i, 'accountId'], u.accountId, 'unit');
      accountOf(['headquarters', 'accountId'], registry.headquarters.accountId, 'headquarters');
      for (const role of ['divisions', 'units', 'headquarters'] as const) {
        accountOf(['sandbox', 'accounts', role], registry.sandbox.accounts[role], 'sandbox');
      }

      const unitIds = new Set(registry.units.map((u) => u.id));
      registry.categories.forEach((c, i) => {
        c.units.forEach((u, j) => {
          if (!unitIds.has(u)) issue(['categories', i, 'units', j], `unknown unit ${u}`);
        });
      });

      const needsEveryLanguage = (path: (string | number)[], text: Record<string, string>) => {
        for (const code of languages) if (!text[code]) issue([...path, code], `missing the ${code} text`);
      };
      needsEveryLanguage(['service', 'name'], registry.service.name);
      for (const [i, d] of registry.divisions.entries()) needsEveryLanguage(['divisions', i, 'name'], d.name);
      for (const [i, u] of registry.units.entries()) needsEveryLanguage(['units', i, 'name'], u.name);
      for (const [i, c] of registry.categories.entries())
        needsEveryLanguage(['categories', i, 'name'], c.name);
      needsEveryLanguage(['cap', 'senderName'], registry.cap.senderName);
      needsEveryLanguage(['cap', 'city', 'description'], registry.cap.city.description);
      for (const [i, d] of registry.divisions.entries())
        needsEveryLanguage(['divisions', i, 'capArea', 'description'], d.capArea.description);
    }),
);

export type Registry = z.infer<typeof RegistrySchema>;
