export interface DataUrl {
  readonly mediaType: string;
  readonly data: string;
}

const DATA_URL = /^data:([^;,]+)((?:;[^;,]+)*?);base64,(.*)$/s;

/** `data:image/png;base64,AAAA` → its media type and base64 payload; null for anything else. */
export function parseDataUrl(url: string): DataUrl | null {
  const match = DATA_URL.exec(url);
  return match === null ? null : { mediaType: match[1]!.trim().toLowerCase(), data: match[3]! };
}

export function toDataUrl(mediaType: string, data: string): string {
  return `data:${mediaType};base64,${data}`;
}
