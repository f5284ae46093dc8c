import { describe, expect, it } from 'vitest';
import { buildAfterActionReport, REPORT_FORMAT } from '../../../shared/domain/after-action-report.js';
import { csvCell, reportCsv, toCsv } from '../../../shared/domain/report-export.js';
import { alert, correction, delivery, entry, input } from './report-fixtures.js';

describe('CSV cells', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['', ''],
  ])('writes %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('writes numbers as they are and nothing for a missing value', () => {
    expect(csvCell(42)).toBe('42');
    expect(csvCell(undefined)).toBe('');
  });

  it('ends every record with CRLF, the header first', () => {
    expect(toCsv([{ section: 'x', detail: 'y' }])).toBe(
      'section,time,who,what,broadcast,channel,seconds,detail\r\nx,,,,,,,y\r\n',
    );
  });
});

describe('the report as CSV and JSON', () => {
  const A = 'bc_0000000000aaaaaaaaaaaaaaaa';
  const C = 'bc_0000000000cccccccccccccccc';
  const report = () => {
    const built = buildAfterActionReport(
      input([
        entry(alert(), [delivery(A, 'x', 'div-14', { sentAt: '2026-11-22T10:00:05.000Z' })]),
        entry(correction(), [delivery(C, 'x', 'div-14', { sentAt: '2026-11-22T10:40:10.000Z' })]),
      ]),
    );
    built.findings = { strengths: '=cmd|"/c calc"!A1', improvements: 'Approve, then "check"' };
    built.correctiveActions = [{ what: '-Train approvers', owner: 'Comms lead', due: '2027-01-15' }];
    return built;
  };

  it('keeps the key times in seconds, the timeline, the findings and actions, with formulas defused', () => {
    const csv = reportCsv(report());
    const lines = csv.split('\r\n');

    expect(lines).toContain(`key time,2026-11-22T10:00:05.000Z,,approval to first delivery,${A},,5,`);
    expect(lines).toContain(
      `key time,2026-11-22T10:40:10.000Z,,time to correct (first delivery of the correction),${C},,2405,`,
    );
    expect(lines).toContain(`finding,,,what worked,,,,"'=cmd|""/c calc""!A1"`);
    expect(lines).toContain('finding,,,what to improve,,,,"Approve, then ""check"""');
    expect(lines).toContain("corrective action,2027-01-15,Comms lead,'-Train approvers,,,,");
    expect(lines.filter((l) => l.startsWith('timeline,'))).toHaveLength(9);
  });

  it('has the documented JSON shape: format, version and the same sections every time', () => {
    const json = JSON.parse(JSON.stringify(report()));

    expect(json.format).toBe(REPORT_FORMAT);
    expect(json.version).toBe(1);
    expect(Object.keys(json)).toEqual([
      'format',
      'version',
      'generatedAt',
      'incident',
      'keyTimes',
      'broadcasts',
      'timeline',
      'problems',
      'participants',
      'findings',
      'correctiveActions',
      'notes',
    ]);
    expect(json.keyTimes.correction.toDeliveryMs).toBe(2_405_000);
  });

  it('carries no phone number or e-mail address, even from an error a provider wrote', () => {
    const failing = entry(alert(), [
      delivery(A, 'sns', 'area-14-en', {
        status: 'FAILED',
        sentAt: undefined,
        attempts: 5,
        error: 'rejected for someone@example.org at +1 416 555 0199',
      }),
    ]);
    const built = buildAfterActionReport(input([failing]));
    const everything = `${reportCsv(built)}${JSON.stringify(built)}`;

    expect(everything).not.toMatch(/@example\.org|555 0199/);
    expect(built.problems[0]?.lastError).toBe('rejected for [removed] at [removed]');
  });
});
