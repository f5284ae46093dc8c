/**
 * Characters XML 1.0 cannot carry at all, escaped or not: C0 controls other than tab, line feed and
 * carriage return, lone surrogates, U+FFFE and U+FFFF. One in an approved text would make the whole
 * feed unreadable to every consumer, so it is dropped: it has no meaning in alert text.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '');
}
