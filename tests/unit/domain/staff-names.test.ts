import { describe, expect, it } from 'vitest';
import { actorLabel, auditActor, nameIn } from '../../../shared/domain/audit.js';
import {
  displayNameFromClaims,
  namedPrincipalFromClaims,
  principalFromClaims,
} from '../../../shared/domain/principal-from-claims.js';

/** D36: audit entries name staff by their display name beside the stable subject id. */

const SUB = '5f1c2e3a-8b9d-4c7e-a1f2-0d3e4b5c6a7f';

describe('the display name taken from a staff token', () => {
  it('is the name attribute when the token has one', () => {
    expect(
      displayNameFromClaims({
        sub: SUB,
        name: 'Ada Okafor',
        preferred_username: 'ada',
        'cognito:username': 'aokafor',
      }),
    ).toBe('Ada Okafor');
  });

  it('falls back to preferred_username, then to the Cognito user name', () => {
    expect(
      displayNameFromClaims({ sub: SUB, preferred_username: 'ada', 'cognito:username': 'aokafor' }),
    ).toBe('ada');
    expect(displayNameFromClaims({ sub: SUB, 'cognito:username': 'aokafor' })).toBe('aokafor');
  });

  it('never shows an e-mail address: an address in any claim is skipped, and `email` is never read', () => {
    expect(
      displayNameFromClaims({
        sub: SUB,
        name: 'ada.okafor@police.example.org',
        preferred_username: 'ada@police.example.org',
        'cognito:username': 'aokafor',
        email: 'ada.okafor@police.example.org',
      }),
    ).toBe('aokafor');
    expect(
      displayNameFromClaims({
        sub: SUB,
        'cognito:username': 'ada@police.example.org',
        email: 'a@example.org',
      }),
    ).toBeUndefined();
  });

  it('skips blank claims and trims what it keeps', () => {
    expect(displayNameFromClaims({ sub: SUB, name: '   ', 'cognito:username': ' aokafor ' })).toBe('aokafor');
  });

  it('goes on the principal beside the sub, which stays its id', () => {
    const principal = principalFromClaims({ sub: SUB, name: 'Ada Okafor', 'cognito:groups': '[inspector]' });
    expect(principal).toEqual({ id: SUB, name: 'Ada Okafor', roles: ['inspector'] });
  });

  it('leaves the console the sub to show when no claim gives a name', () => {
    expect(namedPrincipalFromClaims({ sub: SUB, 'cognito:username': 'ada@police.example.org' }).name).toBe(
      SUB,
    );
  });
});

describe('an audit entry’s actor', () => {
  it('keeps the stable id as the actor and the display name beside it', () => {
    expect(auditActor({ id: SUB, name: 'Ada Okafor' })).toEqual({ actor: SUB, actorName: 'Ada Okafor' });
  });

  it('carries no name for a principal without one, or whose name is its id', () => {
    expect(auditActor({ id: SUB })).toEqual({ actor: SUB });
    expect(auditActor({ id: 'worker:x', name: 'worker:x' })).toEqual({ actor: 'worker:x' });
  });

  it('reads as the name when there is one, and as the id on an older entry without', () => {
    expect(actorLabel({ actor: SUB, actorName: 'Ada Okafor' })).toBe('Ada Okafor');
    expect(actorLabel({ actor: SUB })).toBe(SUB);
  });

  it('gives the latest name a trail knows for an id, else the id', () => {
    const history = [
      { actor: SUB, actorName: 'Ada Okafor' },
      { actor: 'other-sub', actorName: 'Ben Hartley' },
      { actor: SUB, actorName: 'Ada Okafor-Smith' },
      { actor: SUB },
    ];
    expect(nameIn(history, SUB)).toBe('Ada Okafor-Smith');
    expect(nameIn(history, 'nobody-sub')).toBe('nobody-sub');
    expect(nameIn([{ actor: SUB }], SUB)).toBe(SUB);
  });
});
