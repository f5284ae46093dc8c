/**
 * The small XML writer of the CAP documents and Atom feeds (issue 17: xmlbuilder2 with its DOM and
 * js-yaml, and the `feed` package with xml-js and sax, took the public-site bundle to 530 KiB, over
 * its 500 KiB limit, for two documents of fixed shape; 182 KiB without them). It writes a tree of
 * elements, text and CDATA sections, pretty-printed the way xmlbuilder2 printed them (two spaces
 * per level, an element holding one text on one line, an empty one as `<name/>`), so the documents
 * kept their bytes (tests/unit/feeds/xml-writer-parity.test.ts).
 *
 * Escaping is the writer's, never the caller's: text escapes `&`, `<` and `>`; attribute values
 * also escape `"`. Every `&` is escaped, including one that looks like an entity reference, which
 * xmlbuilder2 left alone (an approved `R&D;` made the document unreadable). Characters XML cannot
 * carry are the caller's to drop (`xmlSafe`), as they have no escape. A namespace is an attribute
 * like any other (`xmlns`, `xml:lang`): the documents use a default namespace and `xml:`, which
 * needs no declaration.
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: readonly (readonly [string, string])[];
  readonly children: readonly XmlChild[];
}

/** A CDATA section: written as it is, split where the text itself contains `]]>`. */
export interface XmlCdata {
  readonly cdata: string;
}

export type XmlChild = XmlElement | XmlCdata | string;

/**
 * An element; attributes keep the order given. A child `undefined` or `false` is left out, and so is
 * an empty text or CDATA section: an element without content is written `<name/>`.
 */
export function element(
  name: string,
  attributes: Readonly<Record<string, string>> = {},
  ...children: (XmlChild | XmlChild[] | undefined | false)[]
): XmlElement {
  return {
    name,
    attributes: Object.entries(attributes),
    children: children.flat().filter((child): child is XmlChild => {
      if (child === undefined || child === false || child === '') return false;
      return typeof child !== 'object' || !('cdata' in child) || child.cdata !== '';
    }),
  };
}

/** An element holding one text (nothing, written `<name/>`, when the text is empty). */
export function textElement(name: string, text: string, attributes: Readonly<Record<string, string>> = {}) {
  return element(name, attributes, text);
}

export const cdata = (text: string): XmlCdata => ({ cdata: text });

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

/** A whole document: the declaration, then the root element, pretty-printed, no final newline. */
export function xmlDocument(root: XmlElement, { encoding }: { encoding: string }): string {
  const lines = [`<?xml version="1.0" encoding="${escapeAttribute(encoding)}"?>`];
  write(root, 0, lines);
  return lines.join('\n');
}

const INDENT = '  ';

function write(node: XmlElement, depth: number, lines: string[]): void {
  const indent = INDENT.repeat(depth);
  const open = `${node.name}${node.attributes.map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`).join('')}`;
  const [only, ...rest] = node.children;
  if (only === undefined) {
    lines.push(`${indent}<${open}/>`);
  } else if (rest.length === 0 && !isElement(only)) {
    lines.push(`${indent}<${open}>${inline(only)}</${node.name}>`);
  } else {
    lines.push(`${indent}<${open}>`);
    for (const child of node.children) {
      if (isElement(child)) write(child, depth + 1, lines);
      else lines.push(`${indent}${INDENT}${inline(child)}`);
    }
    lines.push(`${indent}</${node.name}>`);
  }
}

function isElement(child: XmlChild): child is XmlElement {
  return typeof child === 'object' && 'name' in child;
}

function inline(child: string | XmlCdata): string {
  if (typeof child === 'string') return escapeText(child);
  return `<![CDATA[${child.cdata.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}
