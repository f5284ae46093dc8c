export interface ChartRow {
  label: string;
  sms: number;
  email: number;
}

const LABEL_WIDTH = 190;
const BAR_WIDTH = 520;
const ROW_HEIGHT = 30;

/**
 * The table's totals as bars, drawn on the server (no script; the console's CSP allows no inline
 * style, so sizes are SVG attributes). Each bar has its numbers written after it, and SMS and
 * e-mail differ by pattern as well as colour; the table above is the accessible source.
 */
export function AudienceChart(props: { rows: ChartRow[] }) {
  const max = Math.max(1, ...props.rows.map((r) => r.sms + r.email));
  const height = props.rows.length * ROW_HEIGHT + 36;
  const scale = (n: number) => (n / max) * BAR_WIDTH;
  return (
    <figure class="herald-chart" aria-labelledby="chart-caption">
      <figcaption class="govuk-heading-m" id="chart-caption">
        Subscriptions per division
      </figcaption>
      <p class="govuk-body-s">
        SMS in solid dark blue, e-mail in light blue with stripes; the numbers after each bar are SMS, then
        e-mail.
      </p>
      <svg
        class="herald-chart__svg"
        viewBox={`0 0 ${LABEL_WIDTH + BAR_WIDTH + 160} ${height}`}
        role="img"
        aria-labelledby="chart-title"
      >
        <title id="chart-title">Bar chart of the subscriptions per division shown in the table above</title>
        <defs>
          <pattern
            id="email-stripes"
            width="6"
            height="6"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="6" height="6" class="herald-chart__email" />
            <line x1="0" y1="0" x2="0" y2="6" class="herald-chart__stripe" />
          </pattern>
        </defs>
        {props.rows.map((row, i) => {
          const y = i * ROW_HEIGHT + 8;
          const sms = scale(row.sms);
          const email = scale(row.email);
          return (
            <g key={row.label} data-row={row.label}>
              <text x={LABEL_WIDTH - 8} y={y + 15} class="herald-chart__label" text-anchor="end">
                {row.label}
              </text>
              <rect x={LABEL_WIDTH} y={y} width={sms} height={20} class="herald-chart__sms" />
              <rect x={LABEL_WIDTH + sms} y={y} width={email} height={20} fill="url(#email-stripes)" />
              <text x={LABEL_WIDTH + sms + email + 8} y={y + 15} class="herald-chart__value">
                {row.sms.toLocaleString('en-CA')} SMS, {row.email.toLocaleString('en-CA')} e-mail
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
