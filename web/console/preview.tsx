// Over 250 lines: the preview's parts (audience, languages, resources, warnings) shared by filing, approval and the template editor.
import type { ComponentChildren } from 'preact';
import type { Broadcast, RenderedLanguage } from '../../shared/domain/broadcast.js';
import type { PersonalDataWarning } from '../../shared/domain/personal-data-warnings/warnings.js';
import type { Registry } from '../../shared/domain/registry.js';
import { contentMeters } from '../../shared/domain/rendering/meters.js';
import type { SmsBudgets } from '../../shared/domain/sign-up-protection.js';
import { formatDuration, formatTime } from './format.js';
import { MODE_WORD, modeOf } from './layout.js';

/** The subscriber estimate behind an audience (from `subscriberEstimate`). */
export interface SubscriberEstimate {
  sms: number;
  email: number;
  smsParts: number;
  smsReachSeconds: number;
  /** The alerts' SMS spend and the sign-up codes' own budget (D34). */
  smsBudgets?: SmsBudgets | undefined;
}

export interface PreviewProps {
  broadcast: Broadcast;
  registry: Registry;
  /** The incident's divisions (empty when city-wide): the broadcast keeps only the targets. */
  areaIds: readonly string[];
  /** "Preview" before filing; "Content" once filed, when it is what will be (or was) sent. */
  heading?: string | undefined;
  estimate?: SubscriberEstimate | undefined;
  timeZone: string;
}

const X_LIMIT = 280;

/**
 * Exactly what will go where: the audience first (who receives it), then per language the X
 * thread, the SMS with its encoding and parts, the e-mail, then the resources attached and the
 * personal-data warnings at their places. The same view for the author's preview and the
 * approver's page, so both read the same thing.
 */
export function BroadcastPreview(props: PreviewProps) {
  const { broadcast, registry } = props;
  const word = MODE_WORD[modeOf(broadcast.content.status)];
  const meters = contentMeters(broadcast.content);
  return (
    <section class="herald-preview" aria-labelledby="preview-heading" data-testid="preview">
      <h2 class="govuk-heading-l" id="preview-heading">
        {word === 'LIVE'
          ? (props.heading ?? 'Preview')
          : `${word} ${(props.heading ?? 'Preview').toLowerCase()}`}
      </h2>
      <AudienceSummary {...props} />
      {Object.entries(broadcast.content.languages).map(([language, rendered]) => {
        const languageName = registry.languages.find((l) => l.code === language)?.name ?? language;
        const meter = meters[language];
        return (
          <LanguageContent
            key={language}
            language={language}
            heading={`${word !== 'LIVE' ? `${word} · ` : ''}${languageName}`}
            rendered={rendered}
            xLengths={meter?.x.weightedLengths ?? []}
          />
        );
      })}
      <Resources broadcast={broadcast} />
      <Warnings warnings={broadcast.warnings ?? []} />
      <p class="govuk-body-s">
        Public page: <code>{broadcast.content.link}</code>
      </p>
    </section>
  );
}

/**
 * One language of a rendered broadcast: headline, X posts with their weighted lengths, the SMS
 * with its encoding and parts, the e-mail. Shared by the broadcast preview and the template editor.
 */
export function LanguageContent(props: {
  language: string;
  heading: ComponentChildren;
  rendered: RenderedLanguage;
  xLengths: readonly number[];
  /** Beside the SMS meter: what made it UCS-2, for the template editor. */
  smsNote?: ComponentChildren;
}) {
  const { language, rendered } = props;
  return (
    <section class="herald-preview__language" aria-labelledby={`preview-${language}`}>
      <h3 class="govuk-heading-m" id={`preview-${language}`}>
        {props.heading}
      </h3>
      <h4 class="govuk-heading-s">Headline</h4>
      <p class="govuk-body herald-preview__text" lang={language}>
        {rendered.headline}
      </p>
      <h4 class="govuk-heading-s">
        X posts ({rendered.x.length === 1 ? 'one post' : `a thread of ${rendered.x.length}`})
      </h4>
      <ol class="herald-preview__posts">
        {rendered.x.map((post, i) => (
          <li key={`${language}-x-${i}`}>
            <pre class="herald-preview__post" lang={language}>
              {post}
            </pre>
            <span class="govuk-body-s herald-meter">
              {props.xLengths[i] ?? 0} of {X_LIMIT} weighted characters
            </span>
          </li>
        ))}
      </ol>
      <h4 class="govuk-heading-s">SMS</h4>
      <pre class="herald-preview__post" lang={language}>
        {rendered.sms.text}
      </pre>
      <p class="govuk-body-s herald-meter" data-testid={`sms-meter-${language}`}>
        {rendered.sms.encoding}, {rendered.sms.units} characters, {rendered.sms.parts}{' '}
        {rendered.sms.parts === 1 ? 'part' : 'parts'}
        {rendered.sms.encoding === 'UCS-2'
          ? ' (accents or symbols outside GSM-7 shorten each part to 70)'
          : ''}
      </p>
      {props.smsNote}
      <details class="govuk-details">
        <summary class="govuk-details__summary">
          <span class="govuk-details__summary-text">
            E-mail: <span lang={language}>{rendered.email.subject}</span>
          </span>
        </summary>
        <div class="govuk-details__text">
          <pre class="herald-preview__post" lang={language}>
            {rendered.email.body}
          </pre>
        </div>
      </details>
    </section>
  );
}

/** Who receives it: accounts, topics, subscribers and how long SMS takes to reach them. */
export function AudienceSummary(props: PreviewProps) {
  const { broadcast, registry, estimate } = props;
  const { audience } = broadcast;
  const accounts = audience.accounts.map((id) => {
    const account = registry.accounts.find((a) => a.id === id);
    return account ? `${account.name} (@${account.handle})` : id;
  });
  const areas = audience.citywide
    ? 'The whole city'
    : props.areaIds.map((id) => registry.divisions.find((d) => d.id === id)?.name.en ?? id).join(', ');
  return (
    <div class="herald-audience" data-testid="audience">
      <h3 class="govuk-heading-m">Who receives it</h3>
      {audience.sandbox ? (
        <p class="govuk-inset-text">
          {MODE_WORD[modeOf(broadcast.content.status)]}: only sandbox accounts and exercise topics. No real
          account posts and no subscriber is messaged.
        </p>
      ) : null}
      <dl class="govuk-summary-list">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Areas</dt>
          <dd class="govuk-summary-list__value" data-testid="audience-areas">
            {audience.citywide ? <strong class="herald-citywide">CITY-WIDE: {areas}</strong> : areas}
          </dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">X accounts ({accounts.length})</dt>
          <dd class="govuk-summary-list__value">
            <ul class="govuk-list herald-compact-list">
              {accounts.map((a) => (
                <li key={a}>{a}</li>
              ))}
            </ul>
          </dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">SMS and e-mail topics ({audience.topics.length})</dt>
          <dd class="govuk-summary-list__value">
            <ul class="govuk-list herald-compact-list">
              {audience.topics.map((t) => (
                <li key={t}>
                  <code>{t}</code>
                </li>
              ))}
            </ul>
          </dd>
        </div>
        {estimate ? (
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">Subscribers</dt>
            <dd class="govuk-summary-list__value" data-testid="audience-estimate">
              {estimate.sms.toLocaleString('en-CA')} by SMS, {estimate.email.toLocaleString('en-CA')} by
              e-mail. SMS reaches all of them in about {formatDuration(estimate.smsReachSeconds)} (
              {estimate.smsParts.toLocaleString('en-CA')} message parts).
            </dd>
          </div>
        ) : null}
        {estimate?.smsBudgets ? <SmsBudgetsRow budgets={estimate.smsBudgets} /> : null}
        {broadcast.xSchedule && broadcast.xSchedule.postLater.length > 0 ? (
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">X post budget</dt>
            <dd class="govuk-summary-list__value">
              {broadcast.xSchedule.postLater.length} accounts wait for the X app's 24-hour budget (
              {broadcast.xSchedule.used} of {broadcast.xSchedule.limit} used); the first of them posts at{' '}
              {formatTime(broadcast.xSchedule.postLater[0]?.at, props.timeZone)}.
            </dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}

/**
 * Both SMS budgets: the account's spend limit, which alerts draw on, and the sign-up codes' own
 * budget, capped far below it so codes can never spend what the alerts need (D34).
 */
function SmsBudgetsRow(props: { budgets: SmsBudgets }) {
  const { spendLimitUsd, broadcastUsd, codes } = props.budgets;
  const usd = (value: number) => `USD ${value.toLocaleString('en-CA', { maximumFractionDigits: 2 })}`;
  const paused = codes.hour.used >= codes.hour.limit || codes.day.used >= codes.day.limit;
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">SMS budgets</dt>
      <dd class="govuk-summary-list__value" data-testid="sms-budgets">
        <p class="govuk-body">
          Alerts: this broadcast's SMS cost about {usd(broadcastUsd)} of the {usd(spendLimitUsd)} monthly SMS
          spend limit.
        </p>
        <p class="govuk-body">
          Sign-up codes, a budget of their own: {codes.hour.used} of {codes.hour.limit} this hour,{' '}
          {codes.day.used} of {codes.day.limit} today (at most {usd(codes.monthlyCeilingUsd)} a month).
          {paused ? ' Codes are paused (budget used up); alerts are not affected.' : ''}
        </p>
      </dd>
    </div>
  );
}

function Resources(props: { broadcast: Broadcast }) {
  const resources = props.broadcast.content.resources ?? [];
  return (
    <section aria-labelledby="resources-heading">
      <h3 class="govuk-heading-m" id="resources-heading">
        Resources attached ({resources.length})
      </h3>
      {resources.length === 0 ? (
        <p class="govuk-body">No resource from the library matches this category and area.</p>
      ) : (
        <ul class="govuk-list">
          {resources.map((r) => (
            <li key={r.id}>
              <code>{r.id}</code> (revision {r.revision})
              {r.stale ? (
                <strong class="govuk-tag govuk-tag--orange herald-tag-gap">
                  Stale: not checked recently
                </strong>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Each warning with the text around it, the match marked: it describes, the approver decides (D13). */
export function Warnings(props: { warnings: PersonalDataWarning[] }) {
  if (props.warnings.length === 0)
    return (
      <p class="govuk-body" data-testid="no-warnings">
        No personal data found in what was typed.
      </p>
    );
  return (
    <section aria-labelledby="warnings-heading" data-testid="warnings">
      <h3 class="govuk-heading-m" id="warnings-heading">
        Personal-data warnings ({props.warnings.length})
      </h3>
      <div class="govuk-warning-text">
        <span class="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong class="govuk-warning-text__text">
          <span class="govuk-visually-hidden">Warning</span>
          Check each one before this is approved: could it identify a victim, a witness or a family?
        </strong>
      </div>
      <ul class="govuk-list">
        {props.warnings.map((w) => (
          <li key={`${w.path.join('.')}-${w.start}`}>
            <strong>{w.path.filter((p) => p !== 'facts').join(' · ')}</strong>, at character {w.start + 1}:{' '}
            <mark>{w.match}</mark>. {w.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
