import { describe, expect, it } from "vitest";
import { en, type Catalog, type MessageKey } from "./en";
import { t } from "./index";

// Every UI source file as text (tests, the catalog itself and generated bindings left out).
const files = import.meta.glob<string>(
  ["/src/**/*.{ts,svelte}", "!/src/**/*.test.ts", "!/src/lib/i18n/en.ts", "!/src/lib/bindings/**"],
  { query: "?raw", import: "default", eager: true },
);

describe("t()", () => {
  it("returns plain messages", () => {
    expect(t("nav.week")).toBe("This week");
  });

  it("interpolates {placeholders}", () => {
    expect(t("status.signedInAs", { name: "Ana" })).toBe("Signed in as Ana");
    expect(t("shell.shortcutHint", { label: "Recordings", shortcut: "Ctrl+4" })).toBe(
      "Recordings (Ctrl+4)",
    );
    expect(t("status.syncedAgo", { age: "5 minutes ago" })).toBe("Synced 5 minutes ago");
  });

  it("inserts values as text, once: braces or markup in a value are not re-read", () => {
    expect(t("status.signedInAs", { name: "{name} <b>x</b>" })).toBe(
      "Signed in as {name} <b>x</b>",
    );
  });

  it("is typed: unknown keys and missing params do not compile", () => {
    // @ts-expect-error unknown key
    expect(() => t("no.such.key")).not.toThrow();
    // @ts-expect-error a message with {name} needs its params
    t("status.signedInAs");
    // @ts-expect-error wrong param name
    t("status.signedInAs", { nom: "Ana" });
    // A second language must define every key (type-level check).
    const es: Catalog = { ...en };
    expect(Object.keys(es)).toHaveLength(Object.keys(en).length);
  });
});

describe("catalog", () => {
  it("has no empty messages", () => {
    for (const [key, message] of Object.entries(en)) {
      expect(message.trim(), key).not.toBe("");
    }
  });

  it("every key is used somewhere in the UI", () => {
    expect(Object.keys(files).length).toBeGreaterThan(10);
    const code = Object.values(files).join("\n");
    // `backend.*` keys are named by the backend (checked both ways by core's tests/catalog.rs).
    const unused = (Object.keys(en) as MessageKey[]).filter(
      (key) => !key.startsWith("backend.") && !code.includes(`"${key}"`),
    );
    expect(unused).toEqual([]);
  });

  it("no component renders raw HTML", () => {
    const offenders = Object.keys(files).filter((f) => files[f]?.includes("{@html"));
    expect(offenders).toEqual([]);
  });
});
