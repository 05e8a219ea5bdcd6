#!/usr/bin/env node
// A freedesktop notification server that the real-window tests own on their private session
// bus (run.sh starts one with dbus-run-session; the harness starts this before tauri-driver, so
// the app talks to it and dunst or any other D-Bus-activatable server is never started).
//
// It owns org.freedesktop.Notifications and serves /org/freedesktop/Notifications:
//   GetCapabilities() -> as          ["actions", "body", "body-markup"], or $E2E_NOTIFY_CAPS
//                                    (comma-separated, e.g. "body,body-markup" drops actions)
//   Notify(susssasa{sv}i) -> u       ids from 1 upward (replaces_id, when not 0, is kept)
//   CloseNotification(u)             emits NotificationClosed(id, 3)
//   GetServerInformation() -> ssss   ("zoomdesk-e2e", "zoomdesk", "1.0", "1.2")
//   signals ActionInvoked(us), NotificationClosed(uu)
// Every Notify is recorded as one JSON line appended to $E2E_NOTIFY_LOG:
//   {id, replacesId, appName, appIcon, summary, body, actions, hints, expireTimeout, at}
// and every CloseNotification as {closed: id, at}.
//
// Control over HTTP on 127.0.0.1 (a free port, or $E2E_NOTIFY_PORT). The first stdout line,
// printed once the bus name is owned, is "notify-server ready on http://127.0.0.1:PORT".
//   GET  /notifications   the JSON array of everything recorded, oldest first
//   POST /invoke          {id, action}: ActionInvoked(id, action), then NotificationClosed(id, 2).
//                         {id, action, repeat: true}: ActionInvoked every 200 ms until a POST
//                         /ack for that id, or for at most 3 s, then NotificationClosed(id, 2):
//                         a client only subscribes once its Notify call has returned, so a
//                         single early signal could be lost. Answers 202 at once.
//   POST /ack             {id}: stops a repeating /invoke for that id
//   POST /close           {id, reason?}: NotificationClosed(id, reason ?? 1) (expired)
//   GET  /tray            the app's tray icon, as a panel sees it (see the watcher below)
//   POST /tray/click      {label}: clicks the tray menu item whose label starts with it
// SIGTERM or SIGINT releases the name and exits 0. If the name can't be owned (another server
// holds it) it exits 1 with a message saying who does.
//
// Manual test (prints "start" from notify-send, then the recorded notification):
//   dbus-run-session -- bash -c '
//     E2E_NOTIFY_LOG=/tmp/n.jsonl node tests/e2e/notify-server.mjs > /tmp/ns.out & srv=$!
//     sleep 1; url=$(head -1 /tmp/ns.out | sed "s/.* on //")
//     gdbus call --session --dest org.freedesktop.Notifications \
//       --object-path /org/freedesktop/Notifications \
//       --method org.freedesktop.Notifications.GetCapabilities
//     notify-send -A start=Start "hello" "body" & ns=$!
//     sleep 1; curl -s -XPOST -d "{\"id\":1,\"action\":\"start\"}" $url/invoke
//     wait $ns; curl -s $url/notifications; kill $srv; wait $srv'
import { createServer } from "node:http";
import { appendFileSync } from "node:fs";
import dbus from "dbus-next";

const { Interface } = dbus.interface;
const NAME = "org.freedesktop.Notifications";
const PATH = "/org/freedesktop/Notifications";

const caps = (process.env.E2E_NOTIFY_CAPS ?? "actions,body,body-markup")
  .split(",")
  .map((c) => c.trim())
  .filter(Boolean);
const logFile = process.env.E2E_NOTIFY_LOG;
const records = [];

function die(message) {
  console.error(`notify-server: ${message}`);
  process.exit(1);
}

function record(entry) {
  records.push(entry);
  if (logFile) appendFileSync(logFile, JSON.stringify(entry) + "\n");
}

/** D-Bus values (variants, 64-bit integers, byte arrays, structs) as plain JSON values. */
function plain(v) {
  if (v instanceof dbus.Variant) return plain(v.value);
  if (typeof v === "bigint") return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (Buffer.isBuffer(v)) return { bytes: v.length }; // e.g. image-data pixels: size only
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === "object") {
    if (typeof v.toNumber === "function" && typeof v.high === "number") return v.toNumber(); // Long
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  }
  return v;
}

class Notifications extends Interface {
  constructor() {
    super(NAME);
    this.nextId = 1;
  }

  GetCapabilities() {
    return caps;
  }

  Notify(appName, replacesId, appIcon, summary, body, actions, hints, expireTimeout) {
    const id = replacesId > 0 ? replacesId : this.nextId++;
    record({
      id,
      replacesId,
      appName,
      appIcon,
      summary,
      body,
      actions,
      hints: plain(hints),
      expireTimeout,
      at: new Date().toISOString(),
    });
    return id;
  }

  CloseNotification(id) {
    record({ closed: id, at: new Date().toISOString() });
    this.NotificationClosed(id, 3);
  }

  GetServerInformation() {
    return ["zoomdesk-e2e", "zoomdesk", "1.0", "1.2"];
  }

  ActionInvoked(id, actionKey) {
    return [id, actionKey];
  }

  NotificationClosed(id, reason) {
    return [id, reason];
  }
}

Notifications.configureMembers({
  methods: {
    GetCapabilities: { inSignature: "", outSignature: "as" },
    Notify: { inSignature: "susssasa{sv}i", outSignature: "u" },
    CloseNotification: { inSignature: "u", outSignature: "" },
    GetServerInformation: { inSignature: "", outSignature: "ssss" },
  },
  signals: {
    ActionInvoked: { signature: "us" },
    NotificationClosed: { signature: "uu" },
  },
});

if (!process.env.DBUS_SESSION_BUS_ADDRESS) die("DBUS_SESSION_BUS_ADDRESS is not set (run me under dbus-run-session)");

const bus = dbus.sessionBus();
bus.on("error", (err) => die(`session bus error: ${err.message}`));
const iface = new Notifications();
bus.export(PATH, iface);

let reply;
try {
  reply = await bus.requestName(NAME, dbus.NameFlag.DO_NOT_QUEUE);
} catch (err) {
  die(`could not request ${NAME}: ${err.message}`);
}
if (reply !== dbus.RequestNameReply.PRIMARY_OWNER && reply !== dbus.RequestNameReply.ALREADY_OWNER) {
  let owner = "another client";
  try {
    const obj = await bus.getProxyObject("org.freedesktop.DBus", "/org/freedesktop/DBus");
    const dbusIface = obj.getInterface("org.freedesktop.DBus");
    const unique = await dbusIface.GetNameOwner(NAME);
    const pid = await dbusIface.GetConnectionUnixProcessID(unique);
    owner = `${unique} (pid ${pid})`;
  } catch {
    // keep the generic wording
  }
  die(`${NAME} is already owned by ${owner} (RequestName answered ${reply}); stop that notification server first`);
}

// ---------- a StatusNotifierWatcher, so the app's tray icon has somewhere to register ----------
// libayatana-appindicator registers its item with org.kde.StatusNotifierWatcher when one is on
// the bus. The test then reads the tray's menu over com.canonical.dbusmenu and clicks its items,
// as a panel would:
//   GET  /tray          {items: [{sender, path}], menu: [{id, label, enabled}]} (the last item's menu)
//   POST /tray/click    {label}: sends the dbusmenu "clicked" event to the first item whose
//                        label starts with it
const WATCHER = "org.kde.StatusNotifierWatcher";
const trayItems = [];

class Watcher extends Interface {
  constructor() {
    super(WATCHER);
  }
  RegisterStatusNotifierHost() {}
  get RegisteredStatusNotifierItems() {
    return trayItems.map((i) => `${i.sender}${i.path}`);
  }
  get IsStatusNotifierHostRegistered() {
    return true;
  }
  get ProtocolVersion() {
    return 0;
  }
  StatusNotifierItemRegistered(service) {
    return service;
  }
  StatusNotifierHostRegistered() {}
}
Watcher.configureMembers({
  methods: { RegisterStatusNotifierHost: { inSignature: "s", outSignature: "" } },
  properties: {
    RegisteredStatusNotifierItems: { signature: "as", access: "read" },
    IsStatusNotifierHostRegistered: { signature: "b", access: "read" },
    ProtocolVersion: { signature: "i", access: "read" },
  },
  signals: {
    StatusNotifierItemRegistered: { signature: "s" },
    StatusNotifierHostRegistered: { signature: "" },
  },
});
const watcher = new Watcher();
bus.export("/StatusNotifierWatcher", watcher);
// Registration needs the caller's bus name, which Interface methods don't see: handle it raw.
bus.addMethodHandler((msg) => {
  if (msg.interface !== WATCHER || msg.member !== "RegisterStatusNotifierItem") return false;
  const arg = String(msg.body[0] ?? "");
  const item = arg.startsWith("/")
    ? { sender: msg.sender, path: arg }
    : { sender: arg || msg.sender, path: "/StatusNotifierItem" };
  trayItems.push(item);
  bus.send(dbus.Message.newMethodReturn(msg, "", []));
  watcher.StatusNotifierItemRegistered(`${item.sender}${item.path}`);
  return true;
});
try {
  await bus.requestName(WATCHER, dbus.NameFlag.DO_NOT_QUEUE);
} catch (err) {
  die(`could not request ${WATCHER}: ${err.message}`);
}

/** The last registered tray item's menu, flattened: [{id, label, enabled}]. */
async function trayMenu() {
  const item = trayItems[trayItems.length - 1];
  if (!item) return { item: null, menu: [] };
  const obj = await bus.getProxyObject(item.sender, item.path);
  const props = obj.getInterface("org.freedesktop.DBus.Properties");
  const menuPath = plain(await props.Get("org.kde.StatusNotifierItem", "Menu"));
  const menuObj = await bus.getProxyObject(item.sender, menuPath);
  const menu = menuObj.getInterface("com.canonical.dbusmenu");
  const [, layout] = await menu.GetLayout(0, -1, ["label", "enabled", "visible", "type"]);
  const out = [];
  const walk = (node) => {
    const [id, p, children] = node;
    const props2 = plain(p);
    if (id !== 0 && props2.type !== "separator" && props2.visible !== false) {
      out.push({ id, label: props2.label ?? "", enabled: props2.enabled !== false });
    }
    for (const c of children ?? []) walk(plain(c));
  };
  walk(layout);
  return { item, menu: out, menuInterface: menu };
}

/** Repeating /invoke emitters by notification id. */
const repeating = new Map();

function finishRepeat(id) {
  const r = repeating.get(id);
  if (!r) return false;
  clearInterval(r.interval);
  clearTimeout(r.timeout);
  repeating.delete(id);
  iface.NotificationClosed(id, 2);
  return true;
}

function readJson(req) {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (c) => (data += c));
    req.on("end", () => {
      try {
        resolve(data ? JSON.parse(data) : {});
      } catch (err) {
        reject(new Error(`bad JSON: ${err.message}`));
      }
    });
    req.on("error", reject);
  });
}

function send(res, status, body) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

const http = createServer(async (req, res) => {
  try {
    const path = new URL(req.url, "http://x").pathname;
    if (req.method === "GET" && path === "/notifications") return send(res, 200, records);
    if (req.method === "GET" && path === "/tray") {
      const { item, menu } = await trayMenu();
      return send(res, 200, { items: trayItems, item, menu });
    }
    if (req.method !== "POST") return send(res, 404, { error: `no ${req.method} ${path}` });
    const body = await readJson(req);
    if (path === "/tray/click") {
      const { menu, menuInterface } = await trayMenu();
      const entry = menu.find((m) => typeof body.label === "string" && m.label.startsWith(body.label));
      if (!entry) return send(res, 404, { error: `no tray item starts with ${JSON.stringify(body.label)}`, menu });
      await menuInterface.Event(entry.id, "clicked", new dbus.Variant("i", 0), Math.floor(Date.now() / 1000));
      return send(res, 200, { clicked: entry });
    }
    const id = Number(body.id);
    if (!Number.isInteger(id) || id < 1) return send(res, 400, { error: "id must be a positive integer" });
    if (path === "/invoke") {
      if (typeof body.action !== "string" || !body.action) return send(res, 400, { error: "action must be a string" });
      if (repeating.has(id)) finishRepeat(id);
      iface.ActionInvoked(id, body.action);
      if (!body.repeat) {
        iface.NotificationClosed(id, 2);
        return send(res, 200, { invoked: id, action: body.action });
      }
      const interval = setInterval(() => iface.ActionInvoked(id, body.action), Number(body.everyMs ?? 200));
      const timeout = setTimeout(() => finishRepeat(id), Number(body.forMs ?? 3000));
      repeating.set(id, { interval, timeout });
      return send(res, 202, { invoking: id, action: body.action });
    }
    if (path === "/ack") return send(res, 200, { acked: id, wasRepeating: finishRepeat(id) });
    if (path === "/close") {
      iface.NotificationClosed(id, Number(body.reason ?? 1));
      return send(res, 200, { closed: id });
    }
    return send(res, 404, { error: `no POST ${path}` });
  } catch (err) {
    return send(res, 400, { error: err.message });
  }
});

const port = Number(process.env.E2E_NOTIFY_PORT ?? 0);
http.on("error", (err) => die(`control server: ${err.message}`));
http.listen(port, "127.0.0.1", () => {
  console.log(`notify-server ready on http://127.0.0.1:${http.address().port}`);
});

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  for (const id of [...repeating.keys()]) finishRepeat(id);
  http.close();
  http.closeAllConnections?.();
  try {
    await bus.releaseName(NAME);
    await bus.releaseName(WATCHER);
  } catch {
    // the bus may already be gone
  }
  bus.disconnect();
  process.exit(0);
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
