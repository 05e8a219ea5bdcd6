import { en, type Catalog, type MessageKey } from "./en";

export type { MessageKey, Catalog } from "./en";

/** The placeholder names in a message, e.g. `"Hi {name}"` -> `"name"`. */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;

/** The params a key needs: `{}`-less messages take none. */
export type MessageParams<K extends MessageKey> = Record<
  Placeholders<(typeof en)[K]>,
  string | number
>;

/** Keys of messages without placeholders. */
export type PlainKey = {
  [K in MessageKey]: [Placeholders<(typeof en)[K]>] extends [never] ? K : never;
}[MessageKey];

/** Keys of messages with `{placeholders}`. */
export type ParamKey = Exclude<MessageKey, PlainKey>;

/** The language in use; a BCP 47 tag also used for dates and numbers. */
export const locale = "en";

const catalog: Catalog = en;

/**
 * The message for `key` in the current language, with `{name}` placeholders
 * replaced by `params`. A placeholder without a value is left as written.
 */
export function t(key: PlainKey): string;
export function t<K extends ParamKey>(key: K, params: MessageParams<K>): string;
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const message: string = catalog[key];
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/**
 * The catalog's message for a key the backend names (under `backend.`), or `undefined` when
 * the catalog has none (then the backend's own sentence is shown).
 */
export function errorMessage(
  code: string,
  params: Partial<Record<string, string>> = {},
): string | undefined {
  const key = `backend.${code}`;
  if (!Object.hasOwn(catalog, key)) return undefined;
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) if (value !== undefined) values[name] = value;
  return (t as (k: MessageKey, p: Record<string, string>) => string)(key as MessageKey, values);
}

/** A backend notice in the user's language (its English sentence when the catalog lacks it). */
export function noticeText(notice: {
  key: string;
  params: Partial<Record<string, string>>;
  text: string;
}): string {
  return errorMessage(notice.key, notice.params) ?? notice.text;
}
