#!/usr/bin/env node
// Plays the user's browser for the real-window tests (the app runs it through
// ZOOMDESK_BROWSER): records every URL it is asked to open, and on Zoom's (zoom-sim's)
// consent page presses Authorize, or Deny when E2E_CONSENT=deny, then follows the redirect
// back to the app's loopback listener like a browser would.
import { appendFileSync } from "node:fs";

const url = process.argv[2];
if (!url) process.exit(2);
if (process.env.E2E_BROWSER_LOG) appendFileSync(process.env.E2E_BROWSER_LOG, url + "\n");

if (url.includes("/oauth/authorize")) {
  const page = await fetch(url, { redirect: "manual" });
  if (page.status !== 200) process.exit(1);
  const html = await page.text();
  if (!html.includes("Authorize")) process.exit(1);
  const form = new URLSearchParams(new URL(url).searchParams);
  form.set("decision", process.env.E2E_CONSENT === "deny" ? "deny" : "approve");
  const origin = new URL(url).origin;
  const answer = await fetch(`${origin}/oauth/authorize`, {
    method: "POST",
    body: form,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    redirect: "manual",
  });
  const back = answer.headers.get("location");
  if (!back) process.exit(1);
  await fetch(back);
}
