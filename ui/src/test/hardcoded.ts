/**
 * Finds user-visible text written in a Svelte component instead of taken from the catalog:
 * literal text nodes with letters, and literal `title`, `aria-label`, `placeholder`, `alt` and
 * `label` attributes with letters. `{expressions}`, `<script>` and `<style>` are not looked at.
 */
import { parse } from "svelte/compiler";

/** Attributes people see or hear. */
const VISIBLE_ATTRIBUTES = new Set(["title", "aria-label", "placeholder", "alt", "label"]);

/** Text that is the same in every language: names, and the redirect URL Zoom must allow. */
export const ALLOWED = new Set(["Zoomdesk", "Zoom", "http://127.0.0.1"]);

const LETTERS = /\p{L}/u;

export interface Finding {
  /** 1-based line of the text. */
  line: number;
  /** `text` or the attribute's name. */
  where: string;
  text: string;
}

interface Node {
  type?: string;
  name?: string;
  start?: number;
  value?: unknown;
  data?: string;
  [key: string]: unknown;
}

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null;
}

/** The hard-coded strings of a component's markup. */
export function findHardcoded(source: string): Finding[] {
  const ast = parse(source, { modern: true }) as unknown as Node;
  const findings: Finding[] = [];
  const lineOf = (offset: number) => source.slice(0, offset).split("\n").length;
  const check = (text: string, start: number, where: string) => {
    // Entities (&nbsp;) are not words.
    const words = text.replace(/&#?\w+;/g, " ").trim();
    if (words && LETTERS.test(words) && !ALLOWED.has(words)) {
      findings.push({ line: lineOf(start), where, text: words });
    }
  };

  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
      return;
    }
    if (!isNode(node)) return;
    if (node.type === "Attribute") {
      const name = String(node.name);
      if (VISIBLE_ATTRIBUTES.has(name) && Array.isArray(node.value)) {
        for (const part of node.value as Node[]) {
          if (part.type === "Text") check(String(part.data ?? ""), part.start ?? 0, name);
        }
      }
      return;
    }
    if (node.type === "Text") {
      check(String(node.data ?? ""), node.start ?? 0, "text");
      return;
    }
    // Expressions ({...}) are code: only the markup around them is read.
    // Directives (style:top="{y}px", class:x) are not shown either.
    if (node.type === "ExpressionTag" || node.type === "Comment") return;
    if (node.type?.endsWith("Directive")) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "expression" || key === "metadata") continue;
      if (isNode(value)) walk(value);
    }
  };

  // The markup only: the instance and module scripts and the styles are left out.
  walk(ast.fragment);
  return findings;
}
