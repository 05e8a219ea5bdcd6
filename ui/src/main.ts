import { mount } from "svelte";
import App from "./App.svelte";
import { initTheme } from "./lib/theme";
import "./app.css";

performance.mark("zoomdesk:script");

// Before the first paint, so a saved Light/Dark choice never flashes the other theme.
initTheme();

const target = document.getElementById("app");
if (!target) throw new Error("#app element missing from index.html");

const app = mount(App, { target });
performance.mark("zoomdesk:mounted");

export default app;
