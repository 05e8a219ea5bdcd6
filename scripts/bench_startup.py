#!/usr/bin/env python3
"""Startup and memory benchmark of the Zoomdesk release build (numbers, not pass/fail).

Run through scripts/bench.sh, which builds the release app and its .deb and starts this
inside Xvfb and a private D-Bus session. For each run it measures the time from launching
the binary to the UI's first paint (the app prints `ZOOMDESK_READY` when the page reports
it), then after 10 s idle the memory of the whole process tree (app + WebKit processes).
The table goes into docs/BENCHMARKS.md between the startup markers.
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


def one_run(binary, idle, measure_memory):
    with tempfile.TemporaryDirectory(prefix="zoomdesk-bench.") as home:
        env = dict(os.environ)
        for var, sub in [("HOME", "home"), ("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                         ("XDG_CACHE_HOME", "cache"), ("ZOOMDESK_DATA_DIR", "zoomdesk")]:
            env[var] = os.path.join(home, sub)
            os.makedirs(env[var], exist_ok=True)
        env["ZOOMDESK_BENCH"] = "1"
        env["ZOOMDESK_LOG"] = "warn"
        start = time.monotonic()
        proc = subprocess.Popen([binary], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        ready_ms = None
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("ZOOMDESK_READY"):
                ready_ms = (time.monotonic() - start) * 1000
                break
        mem = None
        if ready_ms is not None and measure_memory:
            time.sleep(idle)
            tree = [proc.pid] + children_of(proc.pid)
            per = {}
            for pid in tree:
                pss, rss = memory_kib(pid)
                name = process_name(pid)
                a, b = per.get(name, (0, 0))
                per[name] = (a + pss, b + rss)
            mem = per
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        return ready_ms, mem


def mib(kib):
    return kib / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--deb", default=None)
    ap.add_argument("--runs", type=int, default=6)
    ap.add_argument("--idle", type=float, default=10.0)
    ap.add_argument("--command", default="scripts/bench.sh")
    args = ap.parse_args()

    times, mems = [], []
    for i in range(args.runs + 1):
        ready, mem = one_run(args.binary, args.idle, measure_memory=i in (1, args.runs))
        if ready is None:
            raise SystemExit(f"run {i}: the app never reported its first paint")
        label = "cold" if i == 0 else "warm"
        print(f"run {i} ({label}): first paint after {ready:.0f} ms")
        if i == 0:
            cold = ready
        else:
            times.append(ready)
        if mem:
            mems.append(mem)

    last = mems[-1]
    total_pss = sum(p for p, _ in last.values())
    total_rss = sum(r for _, r in last.values())
    bin_size = os.path.getsize(args.binary)
    deb_size = os.path.getsize(args.deb) if args.deb and os.path.exists(args.deb) else None
    cpu = "?"
    try:
        cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text()).group(1)
    except (OSError, AttributeError):
        pass

    floor_paint, floor_pss, floor_rss = 570, 270, 440
    rows = [
        ("First paint, warm (median of %d)" % len(times), f"{statistics.median(times):.0f} ms",
         f"{floor_paint} ms", f"{statistics.median(times) / floor_paint:.2f}x (goal ≤ 1.2x)"),
        ("First paint, warm (min / max)", f"{min(times):.0f} / {max(times):.0f} ms", "", ""),
        ("First paint, cold (first launch)", f"{cold:.0f} ms", "800 ms", ""),
        ("Memory after %gs idle, PSS (process tree)" % args.idle, f"{mib(total_pss):.0f} MiB",
         f"{floor_pss} MiB", f"{mib(total_pss) / floor_pss:.2f}x (goal ≤ 1.2x)"),
        ("Memory after %gs idle, RSS (process tree)" % args.idle, f"{mib(total_rss):.0f} MiB",
         f"{floor_rss} MiB", f"{mib(total_rss) / floor_rss:.2f}x"),
        ("Release binary", f"{bin_size / 1e6:.1f} MB", "", ""),
        (".deb bundle", f"{deb_size / 1e6:.1f} MB" if deb_size else "not built", "7.7 MB (7.3 MiB)", "goal < 12 MB"),
    ]
    lines = [
        BEGIN,
        "## Startup, memory and size",
        "",
        f"Command: `{args.command}` ({datetime.now(timezone.utc):%Y-%m-%d}, release build, Xvfb + private D-Bus,"
        f" {os.cpu_count()} cores, {cpu}). The floor is a minimal Tauri 2 app on the same kind of machine"
        " (see PLATFORM.md).",
        "",
        "| measure | Zoomdesk | minimal Tauri app | ratio |",
        "|---|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    lines += ["", "Memory by process (PSS / RSS):", ""]
    lines += [f"- {name}: {mib(p):.0f} / {mib(r):.0f} MiB" for name, (p, r) in sorted(last.items())]
    lines.append(END)
    block = "\n".join(lines)

    doc = ROOT / "docs" / "BENCHMARKS.md"
    text = doc.read_text() if doc.exists() else "# Benchmarks\n\nFigures, not pass/fail. Each section names the command that made it.\n\n"
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(text)
    print(block)


if __name__ == "__main__":
    if shutil.which("xvfb-run") is None and not os.environ.get("DISPLAY"):
        raise SystemExit("needs a display: run it through scripts/bench.sh")
    main()
