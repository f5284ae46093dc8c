import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { capDocument } from '../../../web/feeds/cap.js';
import {
  cdata,
  element,
  escapeAttribute,
  escapeText,
  textElement,
  xmlDocument,
} from '../../../web/feeds/xml-writer.js';
import { notice, registry } from './public-notices.js';
import { xmlObject } from './xml-objects.js';

const TRICKY = 'R&D; & &amp; &#65; &lt; <b> "q" \'a\' ]]> \t end';

describe('the XML writer', () => {
  it('escapes every ampersand and angle bracket in text, entity-like or not', () => {
    expect(escapeText('R&D; &amp; &#65; <b> a > b')).toBe('R&amp;D; &amp;amp; &amp;#65; &lt;b&gt; a &gt; b');
  });

  it('escapes double quotes in attribute values as well, and leaves single quotes', () => {
    expect(escapeAttribute(`a"b'c&d<e>`)).toBe("a&quot;b'c&amp;d&lt;e&gt;");
  });

  it('gives back every text and attribute exactly as given, read by libxml2', async () => {
    const attribute = TRICKY.replace('\t', '');
    const xml = xmlDocument(
      element(
        'root',
        { xmlns: 'urn:example', title: attribute },
        textElement('text', TRICKY),
        element('c', {}, cdata(TRICKY)),
      ),
      { encoding: 'UTF-8' },
    );

    // Canonical XML escapes only what it must, so it shows the text libxml2 read: every `&` as
    // `&amp;` means no entity was read where the writer meant text.
    const { normalized } = await validateXML({
      xml: [{ fileName: 'tricky.xml', contents: xml }],
      normalization: 'c14n',
    });
    const c14nText = (text: string) =>
      text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
    const c14nAttribute = (text: string) =>
      text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;');
    expect(normalized).toBe(
      [
        `<root xmlns="urn:example" title="${c14nAttribute(attribute)}">`,
        `  <text>${c14nText(TRICKY)}</text>`,
        `  <c>${c14nText(TRICKY)}</c>`,
        '</root>\n',
      ].join('\n'),
    );
  });

  it('splits a CDATA section where its text holds the terminator', () => {
    expect(xmlDocument(element('c', {}, cdata('a]]>b')), { encoding: 'UTF-8' })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<c><![CDATA[a]]]]><![CDATA[>b]]></c>',
    );
  });

  it('pretty-prints two spaces a level, one text on its line, and an empty element as <name/>', () => {
    const root = element(
      'a',
      { 'xml:lang': 'fr' },
      textElement('b', 'text'),
      textElement('empty', ''),
      element('c', {}, cdata('')),
      element('d', {}, element('e', { k: 'v' })),
      undefined,
      false,
    );

    expect(xmlDocument(root, { encoding: 'utf-8' })).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<a xml:lang="fr">',
        '  <b>text</b>',
        '  <empty/>',
        '  <c/>',
        '  <d>',
        '    <e k="v"/>',
        '  </d>',
        '</a>',
      ].join('\n'),
    );
  });
});

describe('a CAP document with text that looks like an entity reference', () => {
  it('is well-formed and carries the approved text unchanged (xmlbuilder2 left `R&D;` unescaped)', () => {
    const alert = notice({ languages: ['en'] });
    alert.languages[0]!.headline = 'R&D; campus closed &amp; &#65;';

    const xml = capDocument(alert, [], registry);

    expect(xml).toContain('<headline>R&amp;D; campus closed &amp;amp; &amp;#65;</headline>');
    expect(xmlObject(xml).alert.info.headline).toMatch(/^R&D; campus closed &amp; /);
  });
});
