import { describe, expect, it } from 'vitest';
import { measureSms, preferGsm7 } from '../../../shared/domain/rendering/sms-text.js';

describe('measuring an SMS', () => {
  it('fits 160 GSM-7 characters in one part and 161 in two', () => {
    expect(measureSms('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, parts: 1 });
    expect(measureSms('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, parts: 2 });
  });

  it('fits 306 GSM-7 characters in two parts and 307 in three', () => {
    expect(measureSms('a'.repeat(306)).parts).toBe(2);
    expect(measureSms('a'.repeat(307)).parts).toBe(3);
  });

  it('counts each GSM-7 extension character as two', () => {
    const text = '^{}\\[]~|€';

    expect(measureSms(text)).toEqual({ encoding: 'GSM-7', units: 18, parts: 1 });
    expect(measureSms(`${'a'.repeat(159)}€`).parts).toBe(2);
  });

  it('keeps the French letters of the GSM-7 basic set in GSM-7', () => {
    expect(measureSms('éèùìòÇØøÅåÄäÖöÑñÜüßÉÆæà').encoding).toBe('GSM-7');
  });

  it.each(['â', 'ê', 'î', 'ô', 'û', 'ç', 'ë', 'ï', 'À', '’'])(
    'switches the whole message to UCS-2 for one %s',
    (letter) => {
      expect(measureSms(`Fermeture de route ${letter}`).encoding).toBe('UCS-2');
    },
  );

  it('fits 70 UCS-2 characters in one part and 71 in two', () => {
    expect(measureSms(`ê${'a'.repeat(69)}`)).toEqual({ encoding: 'UCS-2', units: 70, parts: 1 });
    expect(measureSms(`ê${'a'.repeat(70)}`)).toEqual({ encoding: 'UCS-2', units: 71, parts: 2 });
  });

  it('fits 134 UCS-2 characters in two parts and 135 in three', () => {
    expect(measureSms(`ê${'a'.repeat(133)}`).parts).toBe(2);
    expect(measureSms(`ê${'a'.repeat(134)}`).parts).toBe(3);
  });

  it('counts an emoji as two UCS-2 units', () => {
    expect(measureSms('🚨')).toEqual({ encoding: 'UCS-2', units: 2, parts: 1 });
  });

  it('counts empty text as no part at all', () => {
    expect(measureSms('')).toEqual({ encoding: 'GSM-7', units: 0, parts: 0 });
  });
});

describe('preferring GSM-7', () => {
  it('replaces a curly apostrophe when that makes the message GSM-7', () => {
    expect(preferGsm7('Follow officers’ directions.')).toBe("Follow officers' directions.");
  });

  it('leaves text that needs UCS-2 anyway exactly as written', () => {
    const text = 'Évitez la route et tenez-vous loin de l’eau. Fenêtre.';

    expect(preferGsm7(text)).toBe(text);
  });
});
