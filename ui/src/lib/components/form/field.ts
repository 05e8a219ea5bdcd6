/**
 * The wiring shared by every form field: the ids a control points at with `aria-describedby`
 * and how it says it is invalid. Kept apart from the components so that any form (the meeting
 * form, settings, office hours) writes the same ids and attributes.
 */

/** Messages by field name (the backend's `UiError.field`, or a form's own name). */
export type FieldErrors = Record<string, string>;

/** The id of the line showing a field's error (tests and `aria-describedby` rely on it). */
export const errorId = (name: string): string => `error-${name}`;

/** The ids joined for `aria-describedby`; `undefined` when there is none (no empty attribute). */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const joined = ids.filter(Boolean).join(" ");
  return joined || undefined;
}

/** `aria-invalid` as the DOM gets it: present only while there is an error. */
export const invalid = (error: string | undefined): "true" | undefined =>
  error ? "true" : undefined;

/** What a field's control spreads onto itself: `<input {...attrs} />`. */
export interface FieldAttrs {
  id: string;
  "aria-describedby": string | undefined;
  "aria-invalid": "true" | undefined;
}

/** The errors without `name` (a new object, so `$state` sees the change). */
export function withoutError(errors: FieldErrors, name: string): FieldErrors {
  return Object.fromEntries(Object.entries(errors).filter(([field]) => field !== name));
}

/** The errors with `name` set to `message`, or without it when `message` is null. */
export function withError(errors: FieldErrors, name: string, message: string | null): FieldErrors {
  return message === null ? withoutError(errors, name) : { ...errors, [name]: message };
}

/** Ids unique to one form, so two forms on a page never share a label's target. */
export interface FormIds {
  /** Prefixes the form's heading ids and radio group names. */
  uid: string;
  /** The id of a field's control: `{prefix}-{uid}-{name}`. */
  field: (name: string) => string;
}

export function formIds(prefix: string): FormIds {
  const uid = Math.random().toString(36).slice(2, 7);
  return { uid, field: (name) => `${prefix}-${uid}-${name}` };
}
