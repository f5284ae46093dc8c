import { create } from 'xmlbuilder2';

/**
 * A parsed XML document as plain objects: elements by name (an array when repeated), attributes as
 * `@name`, the decoded text as the value (or `#` beside attributes). Parsing throws on malformed
 * XML. Built from xmlbuilder2's DOM, whose text is decoded; its own object form re-escapes it.
 */
export function xmlObject(xml: string): any {
  const root: any = create(xml).root().node;
  return { [root.localName]: toObject(root) };
}

function toObject(element: any): any {
  const attributes = Object.fromEntries(
    Array.from(element.attributes as ArrayLike<any>).map((a) => [`@${a.name}`, a.value]),
  );
  const children = Array.from(element.childNodes as ArrayLike<any>).filter((n) => n.nodeType === 1);
  if (children.length === 0) {
    return Object.keys(attributes).length === 0
      ? element.textContent
      : { ...attributes, '#': element.textContent };
  }
  const object: Record<string, any> = { ...attributes };
  for (const child of children) {
    const value = toObject(child);
    const name = child.localName as string;
    if (!(name in object)) object[name] = value;
    else object[name] = [...(Array.isArray(object[name]) ? object[name] : [object[name]]), value];
  }
  return object;
}

export function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
