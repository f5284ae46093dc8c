import type { OwnerView } from '../../../shared/domain/subscription.js';
import { areasText, type SiteContext } from '../site-context.js';
import { subscribeText } from './text.js';

/** How, where and in which language alerts are sent: the address only as masked as the owner may see it. */
export function ChoiceSummary(props: { site: SiteContext; language: string; subscription: OwnerView }) {
  const { site, language, subscription } = props;
  const t = subscribeText(language).manage;
  const rows: [string, string][] = [
    [
      t.sentBy,
      subscription.channel === 'sms' ? t.bySms(subscription.address) : t.byEmail(subscription.address),
    ],
    [
      t.areas,
      areasText(
        site,
        subscription.areas === 'citywide'
          ? { citywide: true, areas: [] }
          : { citywide: false, areas: subscription.areas },
        language,
      ),
    ],
    [t.language, site.languageNames[subscription.language] ?? subscription.language],
  ];
  return (
    <dl class="govuk-summary-list" id="subscription-summary">
      {rows.map(([key, value]) => (
        <div class="govuk-summary-list__row" key={key}>
          <dt class="govuk-summary-list__key">{key}</dt>
          <dd class="govuk-summary-list__value">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
