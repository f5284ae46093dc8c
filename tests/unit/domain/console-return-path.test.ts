import { describe, expect, it } from 'vitest';
import { consoleReturnPath } from '../../../shared/domain/staff-session.js';

describe('the path a sign-in returns to', () => {
  it.each(['/console', '/console/', '/console/incidents/inc_1', '/console?tab=open', '/console#board'])(
    'keeps the console path %s',
    (path) => {
      expect(consoleReturnPath(path)).toBe(path);
    },
  );

  it.each([
    '',
    'https://evil.example/console',
    '//evil.example',
    '/console//evil.example',
    '/\\evil.example',
    '/console\\@evil.example',
    '/consoles',
    '/console\t/evil',
    '/console/\n/evil',
    '/broadcasts',
    'console',
  ])('turns %j into the console home', (path) => {
    expect(consoleReturnPath(path)).toBe('/console');
  });
});
