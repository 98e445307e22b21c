"""Throughput, memory and incremental-run benchmark of `python -m pipeline run`.

Builds a corpus from raw/*.txt plus generated variants (bench/corpus.py), then for each size
runs, each in its own subprocess so that start-up, model loading and peak memory are measured
the same way for all:
  * bare      a bare `nlp.pipe` of the same spaCy pipelines the pipeline loads
                (pipeline.nlp.loading.load_nlp), over the same texts, grouped by language;
  * jobs=1    `python -m pipeline run --jobs 1` into a fresh output folder;
  * jobs=2    the same with --jobs 2;
and at the incremental size (1,000) a run that adds one document to the finished output.
The ratios (pipeline / bare, jobs 2 / jobs 1) are the figures that count: they hold on a
noisy machine where absolute speeds do not. Peak memory is the RSS high-water mark of the
largest process (wait4 rusage, exact) and of all processes of the run together (sampled).

A time budget keeps `make bench` inside 15 minutes on a 2-core machine: a run whose time,
extrapolated from the rate measured at the size before, does not fit what is left is
skipped (or, for the memory-flatness run, shrunk), and the report says so.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make `bench` and `pipeline` importable
    sys.path.insert(0, str(ROOT))

from bench.corpus import (CorpusEntry, link_document, link_prefix, read_sources,  # noqa: E402
                          write_corpus)

DEFAULT_SIZES = "100,1000,10000"
QUICK_SIZES = "20,60"
INCREMENTAL_SIZE = 1000
DEFAULT_BUDGET = 13 * 60        # seconds of measured runs; corpus, token counts, profile on top
SAFETY = 1.15                   # extrapolations are optimistic at bigger sizes
FLAT_TOLERANCE = 0.10           # peak memory "flat" when it grows by at most 10 %
TARGETS = {"ratio_bare": 0.7, "ratio_jobs": 1.6, "incremental_share": 0.05}
ANALYSIS_START, ANALYSIS_END = "<!-- analysis:start -->", "<!-- analysis:end -->"


# ----------------------------------------------------------------------------- measuring

@dataclass
class Measured:
    label: str
    size: int
    jobs: int | None
    wall: float
    rc: int
    maxrss_mb: float          # largest single process (kernel high-water mark)
    tree_peak_mb: float       # all processes of the run together (sampled every 0.2 s)
    cpu_s: float = 0.0        # user + system CPU seconds of the run's processes
    other_load: float = 0.0   # cores kept busy by other processes of the machine meanwhile
    docs: int = 0
    tokens: int = 0
    extra: dict = field(default_factory=dict)

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.wall if self.wall else 0.0

    @property
    def tokens_per_s(self) -> float:
        return self.tokens / self.wall if self.wall else 0.0


def _children_of() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # the command name may hold spaces and parentheses: fields start after the last ")"
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(entry.name))
    return kids


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            for line in f:
                if line.startswith(b"VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _busy_seconds() -> float:
    """CPU seconds all cores of the machine spent busy since boot (from /proc/stat)."""
    try:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
    except OSError:
        return 0.0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def parallel_ceiling(loops: int = 6_000_000) -> float:
    """Speed-up two processes get over one on a pure-Python loop: what this machine (and
    whoever else uses it right now) allows `--jobs 2` at best."""
    from concurrent.futures import ProcessPoolExecutor
    import multiprocessing

    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        list(pool.map(_spin, [1000, 1000]))                 # start both workers first
        t = time.perf_counter()
        list(pool.map(_spin, [loops]))
        one = time.perf_counter() - t
        t = time.perf_counter()
        list(pool.map(_spin, [loops, loops]))
        two = time.perf_counter() - t
    return round(2 * one / two, 2)


def _spin(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s


def _tree_rss_kb(root: int) -> int:
    kids, total, todo = _children_of(), 0, [root]
    while todo:
        pid = todo.pop()
        total += _rss_kb(pid)
        todo.extend(kids.get(pid, ()))
    return total


def measure(cmd: list[str], label: str, size: int, jobs: int | None, log: Path) -> Measured:
    """Run cmd; wall time, exit code, and peak memory of its process tree."""
    started, busy_before = time.perf_counter(), _busy_seconds()
    with open(log, "ab") as out:
        out.write(f"$ {shlex.join(cmd)}\n".encode())
        out.flush()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        peak, done = [0], threading.Event()

        def sample():
            while not done.wait(0.2):
                peak[0] = max(peak[0], _tree_rss_kb(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        busy = _busy_seconds() - busy_before
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss of wait4 covers the child and the grandchildren it waited for (workers)
    cpu = usage.ru_utime + usage.ru_stime
    return Measured(label, size, jobs, round(wall, 2), proc.returncode,
                    round(usage.ru_maxrss / 1024, 1), round(max(peak[0], usage.ru_maxrss) / 1024, 1),
                    cpu_s=round(cpu, 1), other_load=round(max(0.0, busy - cpu) / wall, 2))


def pipeline_cmd(raw: Path, out: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "pipeline", "run", "--raw", str(raw), "--out", str(out),
            "--jobs", str(jobs), "--quiet"]


def bare_cmd(corpus: Path, raw: Path, n: int, result: Path) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--bare-worker", str(corpus), str(raw),
            str(n), str(result)]


def bare_worker(corpus_json: Path, raw: Path, n: int, result: Path) -> None:
    """Child process: time load_nlp and a bare nlp.pipe over the first n corpus texts."""
    from pipeline.nlp.loading import load_nlp

    entries = json.loads(corpus_json.read_text(encoding="utf-8"))["documents"][:n]
    by_lang: dict[str, list[str]] = {}
    for e in entries:
        by_lang.setdefault(e["language"], []).append(
            (raw / f"{e['name']}.txt").read_text(encoding="utf-8"))
    load = pipe = 0.0
    tokens = 0
    for lang in sorted(by_lang):
        t = time.perf_counter()
        nlp, _ = load_nlp(lang)
        load += time.perf_counter() - t
        t = time.perf_counter()
        for doc in nlp.pipe(by_lang[lang]):
            tokens += len(doc)
        pipe += time.perf_counter() - t
    result.write_text(json.dumps({"load_s": round(load, 3), "pipe_s": round(pipe, 3),
                                  "tokens": tokens, "docs": len(entries)}))


def manifest_status(out: Path) -> dict[str, int]:
    try:
        data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    counts: dict[str, int] = {}
    for e in data.get("documents", {}).values():
        counts[e.get("status", "?")] = counts.get(e.get("status", "?"), 0) + 1
    return counts


# ----------------------------------------------------------------------------- machine

def machine_info() -> dict[str, str]:
    info = {"cores": str(os.cpu_count()), "python": platform.python_version(),
            "platform": platform.platform()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory"] = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    try:
        import spacy
        info["spacy"] = spacy.__version__
    except ImportError:
        info["spacy"] = "not installed"
    try:
        info["commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                                        capture_output=True, text=True).stdout.strip()
    except OSError:
        pass
    return info


def model_info(languages: list[str]) -> dict[str, str]:
    from pipeline.nlp.loading import load_nlp

    out = {}
    for lang in languages:
        nlp, warnings = load_nlp(lang)
        meta = nlp.meta
        name = f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')}"
        if not any(p in nlp.pipe_names for p in ("ner", "tagger", "parser")):
            name = f"blank {lang} (no statistical model)"
        out[lang] = f"{name}; components: {', '.join(nlp.pipe_names)}"
    return out


# ----------------------------------------------------------------------------- corpus

def find_persons(docs) -> dict[str, list[str]]:
    """Person names in the source documents, by the pipeline's own NER (never a fixed list)."""
    from pipeline.nlp.loading import load_nlp

    persons: dict[str, set[str]] = {}
    for d in docs:
        nlp, _ = load_nlp(d.language)
        for ent in nlp(d.text).ents:
            if ent.label_ in ("PERSON", "PER", "PRS"):
                persons.setdefault(d.language, set()).add(ent.text)
    return {lang: sorted(names) for lang, names in persons.items()}


def build_corpus(work: Path, total: int, seed: int) -> tuple[Path, Path, list[CorpusEntry]]:
    from pipeline.language import detect

    docs = read_sources(ROOT / "raw", lambda text: detect(text)[0])
    persons = find_persons(docs)
    all_raw = work / "corpus" / "raw"
    entries = write_corpus(docs, persons, all_raw, total, seed=seed)
    corpus_json = work / "corpus" / "corpus.json"
    corpus_json.write_text(json.dumps({"seed": seed, "documents": [asdict(e) for e in entries]}))
    return all_raw, corpus_json, entries


# ----------------------------------------------------------------------------- plan

class Budget:
    def __init__(self, seconds: float):
        self.deadline = time.perf_counter() + seconds

    @property
    def left(self) -> float:
        return self.deadline - time.perf_counter()

    def fits(self, estimate: float | None) -> bool:
        return estimate is None or estimate * SAFETY <= self.left


def estimate(rates: dict[str, tuple[float, float]], kind: str, n: int) -> float | None:
    """Seconds for n documents from the (fixed seconds, seconds per document) fit of `kind`."""
    if kind not in rates:
        return None
    fixed, per_doc = rates[kind]
    return fixed + per_doc * n


def fit_rate(points: list[tuple[int, float]]) -> tuple[float, float]:
    """(fixed, per-document) seconds from runs at two or more sizes (or one, with no fixed cost)."""
    points = sorted(points)
    if len(points) == 1:
        n, s = points[0]
        return 0.0, s / n
    (n1, s1), (n2, s2) = points[-2], points[-1]
    per_doc = max((s2 - s1) / (n2 - n1), 0.0) if n2 != n1 else s2 / n2
    return max(s2 - per_doc * n2, 0.0), per_doc


def run_all(args, work: Path, log: Path) -> dict:
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    jobs_list = sorted({int(j) for j in args.jobs.split(",")})
    budget = Budget(args.budget)
    ceiling = [parallel_ceiling()]
    t = time.perf_counter()
    all_raw, corpus_json, entries = build_corpus(work, max(sizes) + 1, args.seed)
    corpus_seconds = time.perf_counter() - t
    extra_doc = entries[max(sizes)]          # the document the incremental run adds
    entries = entries[:max(sizes)]
    languages = sorted({e.language for e in entries})
    tokens_of: dict[int, int] = {}
    runs: list[Measured] = []
    notes: list[str] = []
    points: dict[str, list[tuple[int, float]]] = {}
    incremental_size = max([s for s in sizes if s <= INCREMENTAL_SIZE] or [min(sizes)])
    largest = max(sizes)

    def record(m: Measured, kind: str) -> Measured:
        runs.append(m)
        if m.rc in (0, 1):
            points.setdefault(kind, []).append((m.size, m.wall))
        print(f"  {m.label:<26} {m.size:>6} docs  {m.wall:8.1f} s  {m.docs_per_s:7.2f} docs/s  "
              f"cpu {m.cpu_s:7.1f} s  other load {m.other_load:4.2f}  "
              f"peak {m.maxrss_mb:7.1f} MB (all {m.tree_peak_mb:7.1f} MB)  rc {m.rc}", flush=True)
        return m

    for n in sizes:
        raw = work / f"raw_{n}"
        chosen = link_prefix(entries, all_raw, raw, n)
        is_largest = n == largest and len(sizes) > 1
        # at the largest size the memory-flatness run (highest jobs) goes first: it is the
        # one the report cannot do without; bare and jobs 1 follow only if time is left
        order = [("pipeline", j) for j in sorted(jobs_list, reverse=True)] + [("bare", None)] \
            if is_largest else [("bare", None)] + [("pipeline", j) for j in jobs_list]
        for kind, jobs in order:
            key = "bare" if kind == "bare" else f"jobs{jobs}"
            est = estimate({k: fit_rate(v) for k, v in points.items()}, key, n)
            this_n, this_raw = n, raw
            if not budget.fits(est):
                if is_largest and kind == "pipeline" and jobs == max(jobs_list):
                    fixed, per_doc = fit_rate(points[key])
                    fit = int((budget.left / SAFETY - fixed) / per_doc) // 500 * 500
                    if fit > incremental_size:
                        notes.append(f"{key} at {n}: projected {est:.0f} s does not fit the "
                                     f"{budget.left:.0f} s left; memory measured at {fit} documents")
                        this_n, this_raw = fit, work / f"raw_{fit}"
                        link_prefix(entries, all_raw, this_raw, fit)
                    else:
                        notes.append(f"{key} at {n}: skipped, projected {est:.0f} s, "
                                     f"{budget.left:.0f} s left")
                        continue
                else:
                    notes.append(f"{key} at {n}: skipped, projected {est:.0f} s "
                                 f"with {budget.left:.0f} s of the budget left")
                    continue
            print(f"[{kind} {jobs or ''}] {this_n} documents", flush=True)
            if kind == "bare":
                result = work / f"bare_{this_n}.json"
                m = measure(bare_cmd(corpus_json, this_raw, this_n, result), "bare nlp.pipe",
                            this_n, None, log)
                if m.rc == 0:
                    data = json.loads(result.read_text())
                    m.docs, m.tokens, m.extra = data["docs"], data["tokens"], data
                    tokens_of[this_n] = data["tokens"]
                record(m, key)
            else:
                out = work / f"out_{this_n}_j{jobs}"
                m = measure(pipeline_cmd(this_raw, out, jobs), f"pipeline --jobs {jobs}", this_n, jobs, log)
                m.docs = this_n
                m.extra = {"status": manifest_status(out)}
                record(m, key)
                if m.rc not in (0, 1):
                    notes.append(f"pipeline --jobs {jobs} at {this_n} exited {m.rc} (see the log)")
                if this_n == incremental_size and jobs == 1 and m.rc in (0, 1):
                    for inc in incremental_runs(this_raw, out, all_raw, extra_doc, this_n, log):
                        record(inc, "incremental")
                if this_n != n:
                    shutil.rmtree(out, ignore_errors=True)
            if kind == "pipeline" and n > incremental_size:
                shutil.rmtree(work / f"out_{this_n}_j{jobs}", ignore_errors=True)

    # token counts where the bare run was skipped: count with the tokenizers only
    missing = sorted({m.size for m in runs} - set(tokens_of))
    if missing:
        tokens_of.update(count_tokens(corpus_json, all_raw, missing))
    for m in runs:
        if not m.tokens:
            m.tokens = tokens_of.get(m.size, 0)
    ceiling.append(parallel_ceiling())
    return {"runs": runs, "notes": notes, "sizes": sizes, "jobs": jobs_list, "ceiling": ceiling,
            "corpus": corpus_summary(entries), "corpus_seconds": round(corpus_seconds, 1),
            "languages": languages, "incremental_size": incremental_size}


def incremental_runs(raw: Path, out: Path, all_raw: Path, extra: CorpusEntry, n: int,
                     log: Path) -> list[Measured]:
    """Re-run with nothing new, then with one added document, on the finished output folder."""
    made: list[Path] = []
    try:
        print(f"[incremental] {n} documents unchanged, then +1", flush=True)
        m0 = measure(pipeline_cmd(raw, out, 1), "re-run, nothing new", n, 1, log)
        m0.extra = {"status": manifest_status(out)}
        made = link_document(all_raw, raw, extra.name)
        m1 = measure(pipeline_cmd(raw, out, 1), "incremental +1 document", n + 1, 1, log)
        m1.extra = {"status": manifest_status(out)}
        return [m0, m1]  # docs stay 0: a rate over one processed document means nothing
    finally:
        for p in made:
            p.unlink(missing_ok=True)


def count_tokens(corpus_json: Path, raw: Path, sizes: list[int]) -> dict[int, int]:
    from pipeline.nlp.loading import load_nlp

    entries = json.loads(corpus_json.read_text(encoding="utf-8"))["documents"]
    counts, total = {}, 0
    want = sorted(sizes)
    for i, e in enumerate(entries[:max(want)], 1):
        nlp, _ = load_nlp(e["language"])
        total += len(nlp.make_doc((raw / f"{e['name']}.txt").read_text(encoding="utf-8")))
        if i in want:
            counts[i] = total
    return counts


def corpus_summary(entries: list[CorpusEntry]) -> dict:
    langs: dict[str, int] = {}
    for e in entries:
        langs[e.language] = langs.get(e.language, 0) + 1
    sources = sum(1 for e in entries if e.name == e.source)
    chars = [e.chars for e in entries]
    return {"documents": len(entries), "sources": sources, "languages": langs,
            "mean_chars": round(sum(chars) / len(chars)), "min_chars": min(chars),
            "max_chars": max(chars)}


# ----------------------------------------------------------------------------- profile

def profile_pipeline(corpus_json: Path, raw: Path, n: int, top: int = 15) -> str:
    """cProfile of process_document over the first n documents (models loaded beforehand)."""
    import cProfile
    import io
    import pstats

    from pipeline.ingest import read_document
    from pipeline.nlp.loading import load_nlp
    from pipeline.process import process_document

    entries = json.loads(corpus_json.read_text(encoding="utf-8"))["documents"][:n]
    docs = [read_document(raw / f"{e['name']}.txt", raw, max_bytes=10**7) for e in entries]
    for lang in {e["language"] for e in entries}:
        load_nlp(lang)
    prof = cProfile.Profile()
    prof.enable()
    for d in docs:
        process_document(d)
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(top)
    return buf.getvalue()


# ----------------------------------------------------------------------------- report

def _find(runs, label_start: str, size: int, jobs=None):
    for m in runs:
        if m.label.startswith(label_start) and m.size == size and (jobs is None or m.jobs == jobs):
            return m
    return None


def targets(result: dict) -> list[tuple[str, str, str, str]]:
    runs, sizes = result["runs"], result["sizes"]
    n = result["incremental_size"]
    rows = []
    bare, j1, j2 = _find(runs, "bare", n), _find(runs, "pipeline", n, 1), _find(runs, "pipeline", n, 2)

    def verdict(ok: bool | None) -> str:
        return "n/a" if ok is None else ("met" if ok else "MISSED")

    if bare and j1:
        r = j1.docs_per_s / bare.docs_per_s
        warm = bare.docs / bare.extra["pipe_s"] if bare.extra.get("pipe_s") else 0
        rows.append((f"`--jobs 1` throughput ≥ {TARGETS['ratio_bare']} × bare nlp.pipe ({n} docs)",
                     f"{r:.2f} × (pipeline {j1.docs_per_s:.2f} docs/s, bare {bare.docs_per_s:.2f} docs/s "
                     f"with start-up and model loading, {warm:.2f} docs/s without; by CPU time "
                     f"{bare.cpu_s / j1.cpu_s:.2f} ×)",
                     verdict(r >= TARGETS["ratio_bare"]), ""))
    if j1 and j2:
        r = j2.docs_per_s / j1.docs_per_s
        c = result.get("ceiling") or []
        rows.append((f"`--jobs 2` ≥ {TARGETS['ratio_jobs']} × `--jobs 1` ({n} docs)",
                     f"{r:.2f} × (two processes of pure Python got "
                     f"{' and '.join(f'{x:.2f} ×' for x in c)} at the start and the end of the run)",
                     verdict(r >= TARGETS["ratio_jobs"]), ""))
    inc = _find(runs, "incremental", n + 1)
    if inc and j1:
        share = inc.wall / j1.wall
        rows.append((f"incremental +1 document ≤ {TARGETS['incremental_share']:.0%} of the full run",
                     f"{inc.wall:.1f} s = {share:.1%} of {j1.wall:.1f} s",
                     verdict(share <= TARGETS["incremental_share"]), ""))
    # memory flatness: same jobs, from the incremental size to the largest pipeline run
    for jobs in sorted(result["jobs"], reverse=True):
        small = _find(runs, "pipeline", n, jobs)
        bigger = [m for m in runs if m.label.startswith("pipeline") and m.jobs == jobs and m.size > n]
        if small and bigger:
            big = max(bigger, key=lambda m: m.size)
            g1 = big.maxrss_mb / small.maxrss_mb - 1
            g2 = big.tree_peak_mb / small.tree_peak_mb - 1
            rows.append((f"peak memory flat from {n} to {big.size} documents (`--jobs {jobs}`, "
                         f"growth ≤ {FLAT_TOLERANCE:.0%})",
                         f"largest process {small.maxrss_mb:.0f} → {big.maxrss_mb:.0f} MB ({g1:+.1%}); "
                         f"all processes {small.tree_peak_mb:.0f} → {big.tree_peak_mb:.0f} MB ({g2:+.1%})",
                         verdict(max(g1, g2) <= FLAT_TOLERANCE), ""))
            break
    return rows


def render(result: dict, info: dict, models: dict, command: str, wall: float, profile: str | None,
           analysis: str) -> str:
    runs = result["runs"]
    c = result["corpus"]
    lines = [
        "# Benchmarks",
        "",
        "Generated by `bench/run_bench.py` (`make bench`); the section between the analysis",
        "markers is kept when the file is regenerated. Do not edit the figures by hand.",
        "",
        f"- Date: {dt.datetime.now(dt.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- Command: `{command}` (whole run {wall / 60:.1f} min, corpus built in "
        f"{result['corpus_seconds']} s)",
        f"- Machine: {info.get('cores')} cores, {info.get('memory', '?')}, {info.get('cpu', '?')}; "
        f"{info.get('platform')}",
        f"- Python {info.get('python')}, spaCy {info.get('spacy')}, pipeline commit {info.get('commit', '?')}",
    ]
    for lang, desc in models.items():
        lines.append(f"- Model {lang}: {desc}")
    lang_mix = ", ".join(f"{k} {v}" for k, v in sorted(c["languages"].items()))
    lines += [
        f"- Corpus: {c['documents']} documents ({c['sources']} from raw/, the rest generated "
        f"variants), {lang_mix}; {c['mean_chars']} characters on average "
        f"({c['min_chars']}–{c['max_chars']})",
        "",
        "## Targets",
        "",
        "| target | measured | verdict |",
        "| --- | --- | --- |",
    ]
    for target, measured, verdict, _ in targets(result):
        lines.append(f"| {target} | {measured} | {verdict} |")
    lines += [
        "",
        "## Runs",
        "",
        "Every run is a separate process: wall time includes interpreter start-up and model",
        "loading. `bare` is `nlp.pipe` of the pipelines `load_nlp` returns (statistical model",
        "plus the project's components), texts grouped by language. Peak RSS: largest single",
        "process (kernel high-water mark) / all processes of the run together (sampled).",
        "",
        "`CPU ms/doc` is user + system CPU time of the run's processes per document (less",
        "sensitive to a busy machine than wall time); `other load` is how many cores other",
        "processes of the machine kept busy during the run (0 is a quiet machine).",
        "",
        "| documents | run | wall s | docs/s | tokens/s | vs bare | CPU ms/doc | other load | peak RSS MB (largest / all) | status |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for m in runs:
        bare = _find(runs, "bare", m.size)
        cpu_rate = f"{m.cpu_s / m.docs * 1000:.0f}" if m.docs else "–"
        rate = f"{m.docs_per_s:.2f}" if m.docs else "–"
        tps = f"{m.tokens_per_s:,.0f}" if m.docs and m.tokens else "–"
        vs = f"{m.docs_per_s / bare.docs_per_s:.2f}" if bare and m.docs and m is not bare else "–"
        status = ", ".join(f"{k} {v}" for k, v in sorted(m.extra.get("status", {}).items()))
        if m.label.startswith("bare") and m.extra.get("pipe_s") is not None:
            status = f"load {m.extra['load_s']:.1f} s, pipe {m.extra['pipe_s']:.1f} s"
        if m.rc not in (0, 1):
            status = f"exit {m.rc}; {status}"
        lines.append(f"| {m.size} | {m.label} | {m.wall:.1f} | {rate} | {tps} | {vs} | {cpu_rate} | "
                     f"{m.other_load:.2f} | {m.maxrss_mb:.0f} / {m.tree_peak_mb:.0f} | {status} |")
    if result["notes"]:
        lines += ["", "## Skipped or shrunk to fit the time budget", ""]
        lines += [f"- {n}" for n in result["notes"]]
    if profile:
        lines += ["", "## Profile (cProfile of process_document, cumulative)", "", "```",
                  profile.strip(), "```"]
    lines += ["", "## Analysis", "", ANALYSIS_START, analysis.strip() or "(none yet)", ANALYSIS_END, ""]
    return "\n".join(lines)


def kept_analysis(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return ""
    if ANALYSIS_START in text and ANALYSIS_END in text:
        return text.split(ANALYSIS_START, 1)[1].split(ANALYSIS_END, 1)[0]
    return ""


# ----------------------------------------------------------------------------- main

def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="run_bench.py",
        description="Benchmark `python -m pipeline run` against a bare spaCy nlp.pipe of the same "
                    "models: documents and tokens per second, peak memory, --jobs 1 vs 2, and the "
                    "cost of an incremental run that adds one document. The corpus is raw/*.txt "
                    "plus generated variants (sentences shuffled within a language, invented "
                    "driver names), a few KB each, written to a temporary folder.",
        epilog="Targets checked: jobs 1 >= 0.7 x bare; jobs 2 >= 1.6 x jobs 1; incremental "
               "+1 document <= 5 %% of the full run; peak memory flat from 1,000 to 10,000 "
               "documents. Runs that do not fit --budget are skipped or shrunk, and the report "
               "says which.")
    p.add_argument("--sizes", default=None,
                   help=f"comma-separated corpus sizes (default: {DEFAULT_SIZES}; {QUICK_SIZES} with --quick)")
    p.add_argument("--jobs", default="1,2", help="comma-separated --jobs values to compare (default: 1,2)")
    p.add_argument("--out", type=Path, default=None,
                   help="Markdown report to write (default: BENCHMARKS.md; with --quick only printed)")
    p.add_argument("--quick", action="store_true",
                   help="small smoke run (sizes 20,60), to check the harness works")
    p.add_argument("--budget", type=float, default=DEFAULT_BUDGET,
                   help="seconds the measured runs may take in all (default: %(default)s)")
    p.add_argument("--seed", type=int, default=0, help="corpus generator seed (default: 0)")
    p.add_argument("--profile", choices=["auto", "always", "never"], default="auto",
                   help="cProfile the pipeline over 50 documents: when a throughput target is "
                        "missed (auto, default), always, or never")
    p.add_argument("--workdir", type=Path, default=None,
                   help="keep the corpus, outputs and log here instead of a deleted temp folder")
    p.add_argument("--bare-worker", nargs=4, metavar=("CORPUS_JSON", "RAW", "N", "RESULT"),
                   help=argparse.SUPPRESS)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.bare_worker:
        corpus, raw, n, result = args.bare_worker
        bare_worker(Path(corpus), Path(raw), int(n), Path(result))
        return 0
    args.sizes = args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES)
    out = args.out or (None if args.quick else ROOT / "BENCHMARKS.md")
    command = shlex.join(["python", "bench/run_bench.py", *(sys.argv[1:] if argv is None else argv)])
    started = time.perf_counter()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="pipeline-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    log = work / "runs.log"
    print(f"working in {work} (log: {log})", flush=True)
    try:
        result = run_all(args, work, log)
        info = machine_info()
        models = model_info(result["languages"])
        rows = targets(result)
        profile = None
        missed_speed = any(v == "MISSED" and ("throughput" in t or "jobs 2" in t) for t, _, v, _ in rows)
        if args.profile == "always" or (args.profile == "auto" and missed_speed):
            n = min(50, max(result["sizes"]))
            print(f"[profile] process_document over {n} documents", flush=True)
            profile = profile_pipeline(work / "corpus" / "corpus.json", work / "corpus" / "raw", n)
        report = render(result, info, models, command, time.perf_counter() - started, profile,
                        kept_analysis(out) if out else "")
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print(report)
    if out:
        out.write_text(report, encoding="utf-8")
        print(f"\nwritten to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
