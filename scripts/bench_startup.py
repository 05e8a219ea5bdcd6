#!/usr/bin/env python3
"""Startup and memory of the Zoomdesk release build against a minimal Tauri 2 app (numbers, not
pass/fail).

Run through scripts/bench.sh, which builds both apps in release (and Zoomdesk's .deb, zoom-sim
and the CLI) and starts this inside Xvfb and a private D-Bus session. First it seeds Zoomdesk's
data folder as a user's: the Secret Service is started and unlocked (as a desktop session does at
login), zoom-sim runs with its demo data, and `zoomdesk-cli login` + `sync` sign in and fill the
cache with this week's meetings. zoom-sim keeps running, so the app's own sync at launch works.

Then it launches the two apps in turn (Zoomdesk, minimal, Zoomdesk, ...): the first pair is the
cold launch, the others are warm. For each launch it takes the time from starting the binary to
the first paint (`ZOOMDESK_READY` on stdout: Zoomdesk prints it once this week's rows are on
screen), each step on the way (`ZOOMDESK_MARK <step> <epoch ms>`, see src-tauri/app/startup.rs),
and, after some idle seconds, the memory of the whole process tree (the app and its WebKit
processes). The tables go into docs/BENCHMARKS.md between the startup markers.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "<!-- startup:begin -->", "<!-- startup:end -->"


def children_of(pid):
    """All descendants of pid, read from /proc."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces and parentheses: split after the last ')'.
        fields = stat[stat.rfind(")") + 2 :].split()
        parents.setdefault(int(fields[1]), []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        for c in parents.get(p, []):
            out.append(c)
            todo.append(c)
    return out


def memory_kib(pid):
    """(PSS, RSS) in KiB of one process, from smaps_rollup."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0, 0
    pss = re.search(r"^Pss:\s+(\d+) kB", text, re.M)
    rss = re.search(r"^Rss:\s+(\d+) kB", text, re.M)
    return int(pss.group(1)) if pss else 0, int(rss.group(1)) if rss else 0


def process_name(pid):
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return "?"


def tree_memory(pid):
    """{process name: (PSS, RSS)} in KiB over pid and its descendants."""
    per = {}
    for p in [pid] + children_of(pid):
        pss, rss = memory_kib(p)
        name = process_name(p)
        a, b = per.get(name, (0, 0))
        per[name] = (a + pss, b + rss)
    return per


def one_run(binary, env, idle):
    """(first paint ms, {step: ms after the start}, memory by process)."""
    start_wall = time.time()
    start = time.monotonic()
    proc = subprocess.Popen([binary], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    ready_ms, marks = None, {}
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("ZOOMDESK_MARK "):
            step, at = line[len("ZOOMDESK_MARK "):].rsplit(" ", 1)
            marks.setdefault(step, float(at) - start_wall * 1000)
        elif line.startswith("ZOOMDESK_READY"):
            ready_ms = (time.monotonic() - start) * 1000
            break
    mem = None
    if ready_ms is not None:
        time.sleep(idle)
        mem = tree_memory(proc.pid)
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    # WebKit's processes follow their parent out; give them a moment so runs don't overlap.
    time.sleep(1)
    return ready_ms, marks, mem


def mib(kib):
    return kib / 1024


def seed(args, env):
    """Starts zoom-sim and signs the CLI in with this week's meetings cached; returns the sim."""
    sim = subprocess.Popen([args.sim, "--seed", "demo", "--auto-approve", "--rate-limits", "off"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert sim.stdout is not None
    first = sim.stdout.readline()
    m = re.search(r"(http://127\.0\.0\.1:\d+)", first)
    if not m:
        raise SystemExit(f"zoom-sim did not start: {first!r}")
    base = m.group(1)
    env.update({
        "ZOOMDESK_CLIENT_ID": "zoomdesk-demo",
        "ZOOMDESK_OAUTH_BASE": base,
        "ZOOMDESK_API_BASE": f"{base}/v2",
        # zoom-sim approves at once (--auto-approve): following its redirect signs in.
        "ZOOMDESK_BROWSER": "curl -sSL -o /dev/null",
    })
    for cmd in (["login"], ["sync"]):
        subprocess.run([args.cli, *cmd], env=env, check=True, stdout=subprocess.DEVNULL, timeout=60)
    week = subprocess.run([args.cli, "--json", "week"], env=env, check=True, capture_output=True,
                          text=True, timeout=60).stdout
    rows = len(re.findall(r'"meetingId"', week))
    print(f"seeded: signed in to zoom-sim at {base}, {rows} meetings this week in the cache")
    if rows == 0:
        raise SystemExit("the seeded week is empty")
    return sim, rows


def median(xs):
    return statistics.median(xs) if xs else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True, help="Zoomdesk's release binary")
    ap.add_argument("--minimal", required=True, help="the minimal Tauri app's release binary")
    ap.add_argument("--sim", required=True, help="zoom-sim binary")
    ap.add_argument("--cli", required=True, help="zoomdesk-cli binary")
    ap.add_argument("--deb", default=None)
    ap.add_argument("--runs", type=int, default=6)
    ap.add_argument("--idle", type=float, default=10.0)
    ap.add_argument("--command", default="scripts/bench.sh")
    ap.add_argument("--note", default="")
    args = ap.parse_args()

    home = tempfile.mkdtemp(prefix="zoomdesk-bench.")
    env = dict(os.environ)
    for var, sub in [("HOME", "home"), ("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                     ("XDG_CACHE_HOME", "cache"), ("ZOOMDESK_DATA_DIR", "zoomdesk")]:
        env[var] = os.path.join(home, sub)
        os.makedirs(env[var], exist_ok=True)
    env.pop("ZOOMDESK_VAULT", None)
    env["ZOOMDESK_BENCH"] = "1"
    env["ZOOMDESK_LOG"] = "info"
    # The keychain, started and unlocked as a desktop session does at login.
    subprocess.run("echo -n bench | gnome-keyring-daemon --unlock --components=secrets",
                   shell=True, env=env, check=True, stdout=subprocess.DEVNULL)
    sim, rows = seed(args, env)

    apps = {"zoomdesk": args.binary, "minimal": args.minimal}
    paints = {a: [] for a in apps}
    cold = {}
    marks = {a: {} for a in apps}
    mems = {a: [] for a in apps}
    try:
        for i in range(args.runs + 1):
            for app, binary in apps.items():
                ready, steps, mem = one_run(binary, env, args.idle)
                if ready is None:
                    raise SystemExit(f"{app} run {i}: the app never reported its first paint")
                label = "cold" if i == 0 else "warm"
                print(f"run {i} ({label}) {app}: first paint after {ready:.0f} ms, PSS "
                      f"{mib(sum(p for p, _ in mem.values())):.0f} MiB; "
                      + ", ".join(f"{k} {v:.0f}" for k, v in steps.items()))
                if i == 0:
                    cold[app] = ready
                    continue
                paints[app].append(ready)
                mems[app].append(mem)
                for step, at in steps.items():
                    marks[app].setdefault(step, []).append(at)
    finally:
        sim.terminate()
        sim.wait()
        shutil.rmtree(home, ignore_errors=True)

    def total(mem, which):
        return sum(v[which] for v in mem.values())

    def median_mem(app):
        """The run with the median PSS, so PSS, RSS and the split come from one run."""
        ordered = sorted(mems[app], key=lambda m: total(m, 0))
        return ordered[len(ordered) // 2]

    zm, mm = median_mem("zoomdesk"), median_mem("minimal")
    zp, mp = median(paints["zoomdesk"]), median(paints["minimal"])
    bin_size = os.path.getsize(args.binary)
    deb_size = os.path.getsize(args.deb) if args.deb and os.path.exists(args.deb) else None
    cpu = "?"
    try:
        cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text()).group(1)
    except (OSError, AttributeError):
        pass

    n = len(paints["zoomdesk"])
    rows_out = [
        (f"First paint, warm (median of {n})", f"{zp:.0f} ms", f"{mp:.0f} ms", f"{zp / mp:.2f}x (goal ≤ 1.2x)"),
        ("First paint, warm (min / max)", f"{min(paints['zoomdesk']):.0f} / {max(paints['zoomdesk']):.0f} ms",
         f"{min(paints['minimal']):.0f} / {max(paints['minimal']):.0f} ms", ""),
        ("First paint, cold (first launch)", f"{cold['zoomdesk']:.0f} ms", f"{cold['minimal']:.0f} ms",
         f"{cold['zoomdesk'] / cold['minimal']:.2f}x"),
        (f"Memory after {args.idle:g}s idle, PSS (process tree, median run)", f"{mib(total(zm, 0)):.0f} MiB",
         f"{mib(total(mm, 0)):.0f} MiB", f"{total(zm, 0) / total(mm, 0):.2f}x (goal ≤ 1.15x)"),
        (f"Memory after {args.idle:g}s idle, RSS (process tree, same run)", f"{mib(total(zm, 1)):.0f} MiB",
         f"{mib(total(mm, 1)):.0f} MiB", f"{total(zm, 1) / total(mm, 1):.2f}x"),
        ("Release binary", f"{bin_size / 1e6:.1f} MB", f"{os.path.getsize(args.minimal) / 1e6:.1f} MB", ""),
        (".deb bundle", f"{deb_size / 1e6:.1f} MB" if deb_size else "not built", "", "goal < 12 MB"),
    ]
    lines = [
        BEGIN,
        "## Startup, memory and size",
        "",
        f"Command: `{args.command}` ({datetime.now(timezone.utc):%Y-%m-%d}, release builds, Xvfb + private"
        f" D-Bus, {os.cpu_count()} cores, {cpu}). Both apps launched in turn, {n} warm runs each after"
        " one cold. Zoomdesk is signed in (refresh token in the unlocked Secret Service, zoom-sim"
        f" running) with this week's {rows} meetings in its cache; its first paint is reported once"
        " the week's rows are on screen. The minimal app is bench/minimal (same Tauri version and"
        " release profile, a page that says hello).",
        "",
        "| measure | Zoomdesk | minimal Tauri app | ratio |",
        "|---|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows_out]
    lines += [
        "",
        "Where the time goes (median ms after the process was started, warm runs; `ui ...` steps are"
        " the page's, `navigation` is when WebKit started loading it, `html` when the page arrived):",
        "",
        "| step | Zoomdesk | minimal |",
        "|---|---|---|",
    ]
    steps = sorted(set(marks["zoomdesk"]) | set(marks["minimal"]),
                   key=lambda s: median(marks["zoomdesk"].get(s) or marks["minimal"].get(s)))
    for step in steps:
        z, m = median(marks["zoomdesk"].get(step, [])), median(marks["minimal"].get(step, []))
        lines.append(f"| {step} | {'' if z is None else f'{z:.0f}'} | {'' if m is None else f'{m:.0f}'} |")
    lines.append(f"| **first paint** (`ZOOMDESK_READY` read) | **{zp:.0f}** | **{mp:.0f}** |")
    lines += ["", "Memory by process, median run (PSS / RSS):", ""]
    for app, mem in (("Zoomdesk", zm), ("minimal", mm)):
        lines.append(f"- {app}: " + ", ".join(f"{name} {mib(p):.0f} / {mib(r):.0f} MiB"
                                             for name, (p, r) in sorted(mem.items())))
    if args.note:
        lines += ["", args.note]
    lines.append(END)
    block = "\n".join(lines)

    doc = ROOT / "docs" / "BENCHMARKS.md"
    text = doc.read_text() if doc.exists() else "# Benchmarks\n\nFigures, not pass/fail. Each section names the command that made it.\n\n"
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    if not os.environ.get("BENCH_NO_WRITE"):
        doc.parent.mkdir(parents=True, exist_ok=True)
        doc.write_text(text)
    print(block)


if __name__ == "__main__":
    if shutil.which("xvfb-run") is None and not os.environ.get("DISPLAY"):
        raise SystemExit("needs a display: run it through scripts/bench.sh")
    main()
