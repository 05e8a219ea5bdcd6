import { readonly, writable } from "svelte/store";
import type { Language } from "../bindings/Language";
import { en, type Catalog, type MessageKey } from "./en";
import { es } from "./es";

export type { MessageKey, Catalog } from "./en";
export type { Language } from "../bindings/Language";

/** The placeholder names in a message, e.g. `"Hi {name}"` -> `"name"`. */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;

/** Plural variants (`key_one`): `t()` picks them itself from a `count`. */
type PluralVariant = Extract<MessageKey, `${string}_one`>;

/** Keys callers name. */
type CallableKey = Exclude<MessageKey, PluralVariant>;

/** The params a key needs: `{}`-less messages take none. */
export type MessageParams<K extends MessageKey> = Record<
  Placeholders<(typeof en)[K]>,
  string | number
>;

/** Keys of messages without placeholders. */
export type PlainKey = {
  [K in CallableKey]: [Placeholders<(typeof en)[K]>] extends [never] ? K : never;
}[CallableKey];

/** Keys of messages with `{placeholders}`. */
export type ParamKey = Exclude<CallableKey, PlainKey>;

/** Every language the UI speaks, with its catalog and the BCP 47 tag `Intl` formats with. */
export const LANGUAGES: Record<Language, { catalog: Catalog; locale: string }> = {
  en: { catalog: en, locale: "en" },
  es: { catalog: es, locale: "es" },
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && Object.hasOwn(LANGUAGES, value);
}

/** The language to start in before the backend says: the webview's (the system's), else English. */
export function initialLanguage(): Language {
  try {
    for (const tag of navigator.languages ?? [navigator.language]) {
      const lang = tag.toLowerCase().split(/[-_]/)[0];
      if (isLanguage(lang)) return lang;
    }
  } catch {
    // No navigator (node): English.
  }
  return "en";
}

let current: Language = initialLanguage();
let catalog: Catalog = LANGUAGES[current].catalog;
let plurals = new Intl.PluralRules(LANGUAGES[current].locale);

const languageStore = writable<Language>(current);

/** The language in use; pages re-render when it changes. */
export const language = readonly(languageStore);

/** The BCP 47 tag of the language in use, for `Intl` (dates, numbers, lists, plurals). */
export function locale(): string {
  return LANGUAGES[current].locale;
}

function applyToDocument(): void {
  // Not in an init script that runs before the document exists.
  if (typeof document !== "undefined" && document.documentElement)
    document.documentElement.lang = locale();
}
applyToDocument();

/** Switches the UI's language (catalog, `locale()`, `<html lang>`); unknown values are ignored. */
export function setLanguage(lang: Language | string | null | undefined): void {
  if (!isLanguage(lang) || lang === current) return;
  current = lang;
  catalog = LANGUAGES[lang].catalog;
  plurals = new Intl.PluralRules(LANGUAGES[lang].locale);
  applyToDocument();
  languageStore.set(lang);
}

/** The language's own name ("English", "Español"), whatever the UI speaks. */
export function languageName(lang: Language): string {
  return t(LANGUAGE_NAMES[lang]);
}

const LANGUAGE_NAMES: Record<Language, PlainKey> = { en: "language.en", es: "language.es" };

/**
 * The message for `key` in the current language, with `{name}` placeholders
 * replaced by `params`. A placeholder without a value is left as written. With a numeric
 * `count`, the `key_one` variant is used when the language calls that number "one".
 */
export function t(key: PlainKey): string;
export function t<K extends ParamKey>(key: K, params: MessageParams<K>): string;
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  if (!params) return catalog[key];
  let message: string = catalog[key];
  const count = params.count;
  if (typeof count === "number" && plurals.select(count) === "one") {
    const variant = `${key}_one`;
    if (Object.hasOwn(catalog, variant)) message = catalog[variant as MessageKey];
  }
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
