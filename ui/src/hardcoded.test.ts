/**
 * Every word the UI shows comes from the catalogs (src/lib/i18n), so it is translated: no
 * component may write user-visible text in its markup.
 */
import { describe, expect, it } from "vitest";
import { findHardcoded } from "./test/hardcoded";

// The app's components (test harnesses left out).
const components = import.meta.glob<string>(["/src/**/*.svelte", "!/src/test/**"], {
  query: "?raw",
  import: "default",
  eager: true,
});

describe("hard-coded strings", () => {
  it("finds literal text and visible attributes, and ignores expressions, scripts and styles", () => {
    const source = [
      '<script lang="ts">const label = "Not this";</script>',
      "<h1>{t('x')}</h1>",
      "<p>Hello there</p>",
      '<button title="Close it" aria-label={t("y")} data-testid="btn">×</button>',
      '<input placeholder="Type here" alt="" />',
      '<Field label="Name" id="name" />',
      '<div style:top="{y}px" class:open>&nbsp;</div>',
      "{#if ok}<span>Zoomdesk</span>{:else}<em>Oops</em>{/if}",
      "<p>{a} · {b} – 3</p>",
      "<style>p::after { content: 'Nope'; }</style>",
    ].join("\n");
    expect(findHardcoded(source).map((f) => [f.line, f.where, f.text])).toEqual([
      [3, "text", "Hello there"],
      [4, "title", "Close it"],
      [5, "placeholder", "Type here"],
      [6, "label", "Name"],
      [8, "text", "Oops"],
    ]);
  });

  it("no component shows text that is not in the catalogs", () => {
    expect(Object.keys(components).length).toBeGreaterThan(20);
    const found = Object.entries(components).flatMap(([file, source]) =>
      findHardcoded(source).map((f) => `${file}:${f.line} ${f.where}: ${f.text}`),
    );
    expect(found).toEqual([]);
  });
});
