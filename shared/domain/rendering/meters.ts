import type { RenderedContent } from '../broadcast.js';
import { xWeightedLength } from './x-text.js';

/**
 * What the approver and the template editor see next to each text: X weighted lengths and thread
 * size, SMS encoding and parts, e-mail and page sizes. Derived from the rendered content, never
 * stored, so it cannot disagree with what is sent.
 */
export function contentMeters(content: RenderedContent) {
  return Object.fromEntries(
    Object.entries(content.languages).map(([language, rendered]) => [
      language,
      {
        x: {
          posts: rendered.x.length,
          weightedLengths: rendered.x.map(xWeightedLength),
          threadLength: content.xThread.length,
        },
        sms: { encoding: rendered.sms.encoding, units: rendered.sms.units, parts: rendered.sms.parts },
        email: { subjectLength: [...rendered.email.subject].length, bytes: utf8Bytes(rendered.email.body) },
        web: { bytes: utf8Bytes(rendered.web) },
      },
    ]),
  );
}

const encoder = new TextEncoder();

function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}
