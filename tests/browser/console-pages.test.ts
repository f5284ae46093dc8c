import { readFile } from 'node:fs/promises';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations, pngSize, screenshot } from '../support/browser.js';
import {
  approveThroughApi,
  broadcastOf,
  type ConsoleUser,
  fileThroughApi,
  fillFiling,
  focusIndicator,
  horizontalOverflow,
  type Person,
  press,
  preview,
  tabTo,
  useConsole,
  WEAPONS_CALL,
} from '../support/console.js';

/**
 * What holds for every console page whatever it shows (accessible, nothing loaded from elsewhere,
 * a strict Content-Security-Policy), and how the pages hold up for a keyboard user and on a
 * 1280 px desktop and a 768 px tablet. The broadcasts the pages show are filed and approved
 * through the API first; the filing form is filled in the browser.
 */

const site = useConsole();

/** A live alert awaiting approval, filed by inspector A. */
let pending: { id: string; incidentId: string };
/** A live alert approved and delivered. */
let live: { id: string; incidentId: string };
/** An Exercise approved and delivered. */
let exercise: { id: string; incidentId: string };

beforeAll(async () => {
  const { herald } = site;
  pending = await fileThroughApi(herald, { areas: ['12'] });
  const filedLive = await fileThroughApi(herald, { areas: ['31', '32'] });
  await approveThroughApi(herald, filedLive);
  live = filedLive;
  const filedExercise = await fileThroughApi(herald, { status: 'Exercise', areas: ['14'] });
  await approveThroughApi(herald, filedExercise);
  exercise = filedExercise;
  // Every delivery settled: the boards show their end state.
  await herald.settled();
  expect((await broadcastOf(herald, live.id)).status).toBe('DELIVERED');
  expect((await broadcastOf(herald, exercise.id)).status).toBe('DELIVERED');
}, 120_000);

/** Fills the weapons call in and presses Preview: the filing form with its preview. */
async function filledWithPreview(person: Person): Promise<Response> {
  await person.visit('/console/incidents/new/live/weapons-call');
  await fillFiling(person.page, WEAPONS_CALL);
  return preview(person.page);
}

interface ConsolePage {
  /** How the tests name it: "the approval page, as its author". */
  name: string;
  /** Who looks at it; `undefined`: someone not signed in. */
  who?: ConsoleUser;
  path: () => string;
  status?: number;
  /** What the person does once it has loaded; returns the response of the page it ends on. */
  act?: (person: Person) => Promise<Response>;
}

const PAGES: ConsolePage[] = [
  { name: 'the sign-in page', path: () => '/console/sign-in' },
  { name: 'the signed-out page', path: () => '/console/signed-out' },
  { name: 'the overview', who: 'inspector.ada', path: () => '/console' },
  { name: 'the choice of live or exercise', who: 'inspector.ada', path: () => '/console/incidents/new' },
  { name: 'the choice of category', who: 'inspector.ada', path: () => '/console/incidents/new/live' },
  {
    name: 'the filing form with its preview',
    who: 'inspector.ada',
    path: () => '/console/incidents/new/live/weapons-call',
    act: filledWithPreview,
  },
  {
    name: 'the filing form with errors',
    who: 'inspector.ada',
    path: () => '/console/incidents/new/exercise/weapons-call',
    act: (person) => press(person.page, '#file-button'),
  },
  {
    name: 'the approval page, as its author',
    who: 'inspector.ada',
    path: () => `/console/broadcasts/${pending.id}`,
  },
  {
    name: 'the approval page, as the approver',
    who: 'inspector.ben',
    path: () => `/console/broadcasts/${pending.id}`,
  },
  { name: 'the delivery board', who: 'inspector.ben', path: () => `/console/broadcasts/${live.id}` },
  {
    name: 'the delivery board of an Exercise',
    who: 'inspector.ben',
    path: () => `/console/broadcasts/${exercise.id}`,
  },
  {
    name: 'the follow-up form with its preview',
    who: 'inspector.ben',
    path: () => `/console/incidents/${live.incidentId}/follow-up/update`,
    act: (person) => preview(person.page),
  },
  { name: 'the incident page', who: 'inspector.ben', path: () => `/console/incidents/${live.incidentId}` },
  { name: 'the history', who: 'inspector.ben', path: () => '/console/incidents' },
  { name: 'the approvals queue', who: 'inspector.ben', path: () => '/console/approvals' },
  {
    name: 'the page of a broadcast that does not exist',
    who: 'inspector.ben',
    path: () => '/console/broadcasts/bc_00000000000000000000000000',
    status: 404,
  },
];

describe('every console page', () => {
  const people = new Map<ConsoleUser | 'visitor', Person>();
  beforeAll(async () => {
    for (const who of ['inspector.ada', 'inspector.ben'] as const)
      people.set(who, await site.as(who, { shared: true }));
    people.set('visitor', await site.visitor({ shared: true }));
  }, 60_000);
  afterAll(async () => {
    await Promise.all([...people.values()].map((person) => person.close()));
  });

  for (const consolePage of PAGES) {
    describe(consolePage.name, () => {
      let person: Person;
      let response: Response;
      let requests: URL[];
      let violationsBefore: number;

      beforeAll(async () => {
        person = people.get(consolePage.who ?? 'visitor') as Person;
        const start = person.requests.length;
        violationsBefore = person.cspViolations().length;
        ({ response } = await person.visit(consolePage.path(), { status: consolePage.status ?? 200 }));
        if (consolePage.act) response = await consolePage.act(person);
        await person.page.waitForLoadState('load');
        requests = person.requests.slice(start);
      }, 60_000);

      it('has no serious or critical accessibility violation', async () => {
        await expectNoSeriousAxeViolations(person.page, consolePage.name);
      });

      it('loads nothing from anywhere but the Herald itself', () => {
        // The page and its stylesheet at least: the recording works.
        expect(requests.length).toBeGreaterThanOrEqual(2);
        expect(new Set(requests.map((url) => url.origin))).toEqual(new Set([site.origin]));
      });

      it("is served with a Content-Security-Policy of script-src 'self', and breaks none of it", async () => {
        const policy = (await response.allHeaders())['content-security-policy'] ?? '';
        expect(policy).toContain("default-src 'none'");
        expect(policy).toContain("script-src 'self'");
        expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
        expect(person.cspViolations().slice(violationsBefore)).toEqual([]);
        // The stylesheet applied: a blocked one would leave the skip link full size on the page.
        const skipLink = await person.page.locator('.govuk-skip-link').boundingBox();
        expect(skipLink?.width).toBeLessThanOrEqual(1);
      });
    });
  }
});

describe('with the keyboard alone', () => {
  /** The focused element shows where the focus is. */
  async function expectVisibleFocus(page: Page, where: string): Promise<void> {
    const focus = await focusIndicator(page);
    expect(focus.visible, `${where}: focus on ${focus.element} is visible (${focus.style})`).toBe(true);
  }

  /** Moves to `selector` with Tab, checks its focus can be seen, and presses `key` there. */
  async function tabAndPress(
    page: Page,
    selector: string,
    key?: 'Enter' | 'Space',
  ): Promise<Response | undefined> {
    await tabTo(page, selector);
    await expectVisibleFocus(page, selector);
    if (key === 'Space') await page.keyboard.press('Space');
    if (key === 'Enter') return press(page, '', () => page.keyboard.press('Enter'));
    return undefined;
  }

  it('a person signs in, chooses live and a category, fills the form, previews and files, always seeing the focus', async () => {
    const visitor = await site.visitor();
    const { page } = visitor;
    await visitor.visit('/console');
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');

    // The first user is chosen already; the arrow key moves to the second, as in any radio group.
    await tabAndPress(page, '[id="user-inspector.ada"]');
    await page.keyboard.press('ArrowDown');
    expect(await page.isChecked('[id="user-inspector.ben"]')).toBe(true);
    await expectVisibleFocus(page, 'the second user');
    await tabAndPress(page, '#sign-in-button', 'Enter');
    expect(await page.textContent('[data-testid="signed-in-as"]')).toContain('Inspector Ben Hartley');

    await tabAndPress(page, '#new-incident', 'Enter');
    await tabAndPress(page, '#mode-live', 'Enter');
    await tabAndPress(page, '#category-weapons-call', 'Enter');
    expect(new URL(page.url()).pathname).toBe('/console/incidents/new/live/weapons-call');

    const location = 'Dufferin St and Lawrence Ave W';
    for (const [name, text] of [
      ['fact.location', location],
      ['fact.time', '22:10'],
      ['fact.description.en', 'Two people seen running east.'],
      ['fact.description.fr', 'Deux personnes vues courant vers l’est.'],
    ] as const) {
      await tabAndPress(page, `[name="${name}"]`);
      await page.keyboard.type(text);
    }
    for (const area of ['31', '32']) await tabAndPress(page, `#areas-${area}`, 'Space');
    // Into each radio group at its first option, then the arrow key to the one wanted.
    await tabAndPress(page, '#severity-Extreme');
    await page.keyboard.press('ArrowDown');
    await tabAndPress(page, '#urgency-Immediate', 'Space');
    await tabAndPress(page, '#certainty-Observed', 'Space');
    expect(await page.isChecked('#severity-Severe')).toBe(true);
    expect(await page.isChecked('#areas-31')).toBe(true);
    expect(await page.isChecked('#areas-32')).toBe(true);

    const previewed = await tabAndPress(page, '#preview-button', 'Enter');
    expect(previewed?.status()).toBe(200);
    expect(await page.locator('[data-testid="preview"]').count()).toBe(1);
    const filed = await tabAndPress(page, '#file-button', 'Enter');
    expect(filed?.status()).toBe(200);
    expect(new URL(page.url()).searchParams.get('note')).toBe('filed');

    const id = /bc_[A-Za-z0-9]+/.exec(page.url())?.[0] ?? '';
    const broadcast = await broadcastOf(site.herald, id);
    expect(broadcast).toMatchObject({ author: 'inspector.ben', status: 'PENDING_APPROVAL' });
    expect(broadcast.facts).toMatchObject({ location, time: '22:10' });
    expect(broadcast.preview.languages.fr.x.join('\n')).toContain('Deux personnes vues courant vers l’est.');
  });
});

describe('at a desktop and a tablet width', () => {
  for (const width of [1280, 768]) {
    it(`shows the filing form with its preview at ${width} px without scrolling sideways`, async () => {
      const ada = await site.as('inspector.ada', { width });
      await filledWithPreview(ada);
      const { scrollWidth, viewport } = await horizontalOverflow(ada.page);
      expect(viewport).toBe(width);
      expect(scrollWidth, `the filing form at ${width} px`).toBeLessThanOrEqual(viewport);
      expect(await ada.page.locator('[data-testid="preview"]').isVisible()).toBe(true);
    });

    it(`shows the delivery board at ${width} px without scrolling sideways`, async () => {
      const ben = await site.as('inspector.ben', { width });
      await ben.visit(`/console/broadcasts/${live.id}`);
      const { scrollWidth, viewport } = await horizontalOverflow(ben.page);
      expect(viewport).toBe(width);
      expect(scrollWidth, `the board at ${width} px`).toBeLessThanOrEqual(viewport);
      expect(await ben.page.locator('#delivery-board').isVisible()).toBe(true);
    });
  }
});

describe('screenshots', () => {
  it('are written of the filing form with its preview, the approval page and the boards, for people to look at', async () => {
    const [ada, ben, tablet] = await Promise.all([
      site.as('inspector.ada'),
      site.as('inspector.ben'),
      site.as('inspector.ada', { width: 768 }),
    ]);
    const shots: [string, number][] = [];
    await filledWithPreview(ada);
    shots.push([await screenshot(ada.page, 'console-filing-preview-live-1280'), 1280]);
    await filledWithPreview(tablet);
    shots.push([await screenshot(tablet.page, 'console-filing-preview-live-768'), 768]);
    await ben.visit(`/console/broadcasts/${pending.id}`);
    expect(await ben.page.locator('#approve-button').count()).toBe(1);
    shots.push([await screenshot(ben.page, 'console-approval-live-1280'), 1280]);
    await ben.visit(`/console/broadcasts/${live.id}`);
    expect(await ben.page.getAttribute('#board-status', 'data-status')).toBe('DELIVERED');
    shots.push([await screenshot(ben.page, 'console-board-live-1280'), 1280]);
    await ben.visit(`/console/broadcasts/${exercise.id}`);
    expect(await ben.page.getAttribute('.herald-mode-band', 'data-mode')).toBe('exercise');
    shots.push([await screenshot(ben.page, 'console-board-exercise-1280'), 1280]);

    for (const [path, width] of shots) {
      const size = pngSize(await readFile(path));
      expect(size.width, path).toBe(width);
      expect(size.height, path).toBeGreaterThan(400);
    }
  });
});
