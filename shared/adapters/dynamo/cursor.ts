/** Opaque page cursors: the DynamoDB start key, base64url JSON. Bad input decodes to undefined. */
export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const entries = Object.entries(value);
    if (entries.length === 0 || !entries.every(([, v]) => typeof v === 'string')) return undefined;
    return value as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
