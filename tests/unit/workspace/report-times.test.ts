import { describe, expect, it } from 'vitest';
import { buildAfterActionReport } from '../../../shared/domain/after-action-report.js';
import {
  channelTimes,
  durationText,
  keyTimes,
  reachAtApproval,
} from '../../../shared/domain/report-times.js';
import { alert, correction, delivery, entry, input } from './report-fixtures.js';

const A = 'bc_0000000000aaaaaaaaaaaaaaaa';
const C = 'bc_0000000000cccccccccccccccc';

describe('the key times of an incident', () => {
  it('has an approval but no delivery times while nothing was delivered yet', () => {
    const times = keyTimes([
      entry(alert(), [delivery(A, 'x', 'div-14', { status: 'PENDING', sentAt: undefined })]),
    ]);

    expect(times.approvedAt).toBe('2026-11-22T10:00:00.000Z');
    expect(times.firstDeliveredAt).toBeUndefined();
    expect(times.approveToFirstMs).toBeUndefined();
    expect(times.approveToLastMs).toBeUndefined();
    expect(times.settled).toBe(false);
  });

  it('has none at all before the alert is approved', () => {
    expect(keyTimes([{ broadcast: alert({ status: 'PENDING_APPROVAL', approval: undefined }) }])).toEqual({
      settled: false,
    });
  });

  it('measures approval to first and to last delivery once the dispatch settled', () => {
    const times = keyTimes([
      entry(alert(), [
        delivery(A, 'x', 'div-14', { sentAt: '2026-11-22T10:00:04.000Z' }),
        delivery(A, 'sns', 'area-14-en', { sentAt: '2026-11-22T10:00:09.000Z' }),
      ]),
    ]);

    expect(times.approveToFirstMs).toBe(4_000);
    expect(times.approveToLastMs).toBe(9_000);
    expect(times.settled).toBe(true);
  });

  it('gives no approve-to-last while a delivery may still come', () => {
    const times = keyTimes([
      entry(alert(), [
        delivery(A, 'x', 'div-14', { sentAt: '2026-11-22T10:00:04.000Z' }),
        delivery(A, 'sns', 'area-14-en', { status: 'PENDING', sentAt: undefined }),
      ]),
    ]);

    expect(times.approveToFirstMs).toBe(4_000);
    expect(times.approveToLastMs).toBeUndefined();
  });

  it('still measures the last delivery when one channel failed, and the report names the failure', () => {
    const deliveries = [
      delivery(A, 'x', 'div-14', {
        status: 'FAILED',
        sentAt: undefined,
        attempts: 5,
        waits: 1,
        history: [
          {
            at: '2026-11-22T10:00:02.000Z',
            actor: 'x-worker',
            from: 'SENDING',
            to: 'PENDING',
            reason: 'rate limited',
          },
          {
            at: '2026-11-22T10:03:00.000Z',
            actor: 'x-worker',
            from: 'SENDING',
            to: 'FAILED',
            reason: 'account suspended; call 416-555-0199',
          },
        ],
      }),
      delivery(A, 'sns', 'area-14-en', { sentAt: '2026-11-22T10:00:07.000Z' }),
    ];
    const times = keyTimes([entry(alert(), deliveries)]);
    const report = buildAfterActionReport(input([entry(alert(), deliveries)]));

    expect(times.settled).toBe(true);
    expect(times.approveToLastMs).toBe(7_000);
    expect(report.problems).toEqual([
      expect.objectContaining({ channel: 'x', target: 'div-14', status: 'FAILED', attempts: 5, waits: 1 }),
    ]);
    expect(report.problems[0]?.lastError).toBe('account suspended; call [removed]');
    expect(report.broadcasts[0]?.channels.find((c) => c.channel === 'x')).toMatchObject({
      sent: 0,
      failed: 1,
    });
  });

  it('measures the time to correct from the original’s first delivery to the correction’s', () => {
    const times = keyTimes([
      entry(alert(), [delivery(A, 'x', 'div-14', { sentAt: '2026-11-22T10:00:05.000Z' })]),
      entry(correction(), [delivery(C, 'x', 'div-14', { sentAt: '2026-11-22T10:40:10.000Z' })]),
    ]);

    expect(times.correction).toEqual({
      broadcastId: C,
      approvedAt: '2026-11-22T10:40:00.000Z',
      firstDeliveredAt: '2026-11-22T10:40:10.000Z',
      toApprovalMs: (39 * 60 + 55) * 1000,
      toDeliveryMs: 40 * 60 * 1000 + 5_000,
    });
  });

  it('measures a correction approved but not yet delivered to its approval only', () => {
    const times = keyTimes([
      entry(alert(), [delivery(A, 'x', 'div-14', { sentAt: '2026-11-22T10:00:05.000Z' })]),
      entry(correction(), []),
    ]);

    expect(times.correction?.toApprovalMs).toBe((39 * 60 + 55) * 1000);
    expect(times.correction?.toDeliveryMs).toBeUndefined();
  });

  it('ignores a correction still awaiting approval', () => {
    const times = keyTimes([
      entry(alert(), [delivery(A, 'x', 'div-14', { sentAt: '2026-11-22T10:00:05.000Z' })]),
      { broadcast: correction({ status: 'PENDING_APPROVAL', approval: undefined }) },
    ]);

    expect(times.correction).toBeUndefined();
  });
});

describe('the times per channel', () => {
  it('gives first and last delivery on each channel separately', () => {
    const rows = channelTimes('2026-11-22T10:00:00.000Z', [
      delivery(A, 'x', 'a', { sentAt: '2026-11-22T10:00:03.000Z' }),
      delivery(A, 'x', 'b', { sentAt: '2026-11-22T10:00:06.000Z' }),
      delivery(A, 'sns', 't', { sentAt: '2026-11-22T10:00:01.000Z' }),
    ]);

    expect(rows).toEqual([
      expect.objectContaining({ channel: 'sns', approveToFirstMs: 1_000, approveToLastMs: 1_000, sent: 1 }),
      expect.objectContaining({ channel: 'x', approveToFirstMs: 3_000, approveToLastMs: 6_000, sent: 2 }),
    ]);
  });
});

describe('the report timeline', () => {
  it('runs from intake to approval to first and last delivery, then the correction, in order', () => {
    const report = buildAfterActionReport(
      input([
        entry(alert(), [delivery(A, 'x', 'div-14', { sentAt: '2026-11-22T10:00:05.000Z' })]),
        entry(correction(), [delivery(C, 'x', 'div-14', { sentAt: '2026-11-22T10:40:10.000Z' })]),
      ]),
    );

    expect(report.timeline.map((r) => r.event)).toEqual([
      'Incident opened (intake)',
      'Alert filed for approval',
      'Alert approved',
      'Alert: first delivery on X',
      'Alert: last delivery on X',
      'Correction filed for approval',
      'Correction approved',
      'Correction: first delivery on X',
      'Correction: last delivery on X',
    ]);
    expect(report.participants).toEqual([
      { actor: 'inspector.ada', actions: ['Incident opened (intake)', 'Alert filed for approval'] },
      { actor: 'inspector.ben', actions: ['Alert approved', 'Correction approved'] },
      { actor: 'comms.chloe', actions: ['Correction filed for approval'] },
    ]);
    expect(report.incident.mode).toBe('exercise');
  });

  it('removes phone numbers and e-mail addresses typed in audit reasons from the timeline details', () => {
    const returned = alert({
      history: [
        { at: '2026-11-22T09:59:00.000Z', actor: 'inspector.ada', from: null, to: 'PENDING_APPROVAL' },
        {
          at: '2026-11-22T09:59:30.000Z',
          actor: 'inspector.ben',
          from: 'PENDING_APPROVAL',
          to: 'DRAFT',
          returned: true,
          reason: 'Call the witness at 416-555-0199 first',
        },
        {
          at: '2026-11-22T10:00:00.000Z',
          actor: 'inspector.ben',
          from: 'PENDING_APPROVAL',
          to: 'APPROVED',
          breakGlass: true,
          reason: 'Chief asked by mail: chief@example.org',
        },
      ],
    });
    const built = buildAfterActionReport({
      ...input([entry(returned, [])]),
      incident: {
        ...input([]).incident,
        history: [
          ...input([]).incident.history,
          {
            at: '2026-11-22T11:00:00.000Z',
            actor: 'inspector.ada',
            from: 'OPEN',
            to: 'CLOSED',
            reason: 'Resolved, reporter at ada.reporter@example.org',
          },
        ],
      },
    });

    const details = built.timeline.map((r) => r.detail).filter(Boolean);
    expect(details).toEqual([
      'Call the witness at [removed] first',
      'break-glass: Chief asked by mail: [removed]',
      'Resolved, reporter at [removed]',
    ]);
  });

  it('says the language of a headline that is not English, so the page can mark it', () => {
    const english = alert().content.languages.en;
    if (!english) throw new Error('the fixture has an English text');
    const french = alert({
      content: { ...alert().content, languages: { fr: { ...english, headline: 'Alerte au centre-ville' } } },
    });

    const [frenchOnly] = buildAfterActionReport(input([entry(french, [])])).broadcasts;
    const [englishOnly] = buildAfterActionReport(input([entry(alert(), [])])).broadcasts;
    expect(frenchOnly).toMatchObject({ headline: 'Alerte au centre-ville', headlineLanguage: 'fr' });
    expect(englishOnly?.headlineLanguage).toBeUndefined();
  });

  it('names who saved the findings among who did what', () => {
    const built = buildAfterActionReport({
      ...input([entry(alert(), [])]),
      notes: {
        ...input([]).notes,
        revision: 1,
        history: [{ at: '2026-11-23T09:00:00.000Z', actor: 'comms.chloe', from: null, to: 'revision 1' }],
      },
    });

    expect(built.participants.at(-1)).toEqual({
      actor: 'comms.chloe',
      actions: ['Findings saved (revision 1)'],
    });
  });

  it('shows the subscriber counts kept at approval, and says nothing of counts that were not kept', () => {
    const kept = alert({
      approval: {
        by: 'inspector.ben',
        at: '2026-11-22T10:00:00.000Z',
        contentHash: 'h',
        reach: { topics: [{ topic: 'area-14-en', sms: 12, email: 30 }] },
      },
    });
    const [withCounts] = buildAfterActionReport(input([entry(kept, [])])).broadcasts;
    const [without] = buildAfterActionReport(input([entry(alert(), [])])).broadcasts;

    expect(withCounts?.reach).toEqual({
      accounts: ['div-14'],
      topics: [{ topic: 'area-14-en', language: 'en', sms: 12, email: 30 }],
      subscribers: { sms: 12, email: 30 },
    });
    expect(without?.reach.subscribers).toBeUndefined();
  });
});

describe('reach at approval and durations', () => {
  it('counts each SNS topic’s subscribers per channel and skips X accounts', () => {
    const reach = reachAtApproval(
      [
        { channel: 'x', target: 'div-14' },
        { channel: 'sns', target: 'area-14-en' },
      ],
      [
        { topic: 'area-14-en', channel: 'sms', subscribers: 3 },
        { topic: 'area-14-en', channel: 'email', subscribers: 5 },
        { topic: 'other', channel: 'sms', subscribers: 99 },
      ],
    );

    expect(reach).toEqual({ topics: [{ topic: 'area-14-en', sms: 3, email: 5 }] });
  });

  it.each([
    [undefined, ''],
    [4_400, '4 s'],
    [252_000, '4 min 12 s'],
    [108 * 60_000, '1 h 48 min'],
  ])('writes %s ms as “%s”', (ms, text) => {
    expect(durationText(ms)).toBe(text);
  });
});
