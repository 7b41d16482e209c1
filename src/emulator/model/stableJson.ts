/** JSON with object keys sorted at every level, for content comparison (changed / unchanged). */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj).sort().filter((k) => obj[k] !== undefined).map((k) => `${JSON.stringify(k)}:${stableJson(obj[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Content of a stored component without its audit fields. */
export function contentJson(value: object): string {
  const { createdDate, lastModifiedDate, createdById, lastModifiedById, id, ...rest } = value as Record<string, unknown>;
  void createdDate; void lastModifiedDate; void createdById; void lastModifiedById; void id;
  return stableJson(rest);
}
