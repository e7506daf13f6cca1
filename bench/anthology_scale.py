#!/usr/bin/env python3
"""The anthology step at scale: books of N copies of an article (numbered titles), made with
`quire anthology`, each size in a fresh process; prints the time and peak memory of each and
how they grow against the smallest book (bench/README.md).

    bench/anthology_scale.py [--quire build-r/quire] [--sizes 100,250,500,1000]
                             [--format pdf,epub] [--article examples/ukraine-policy-of-japan.txt]
"""
import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--quire", default=os.path.join(ROOT, "build-r", "quire"))
    ap.add_argument("--sizes", default="100,250,500,1000")
    ap.add_argument("--format", default="pdf,epub")
    ap.add_argument("--article", default=os.path.join(ROOT, "examples", "ukraine-policy-of-japan.txt"))
    args = ap.parse_args()
    if not os.access(args.quire, os.X_OK):
        sys.exit(f"anthology_scale.py: {args.quire} is not built (./build.sh release, or --quire)")
    sizes = [int(s) for s in args.sizes.split(",")]
    with open(args.article, encoding="utf-8") as f:
        title, rest = f.read().split("\n", 1)

    work = tempfile.mkdtemp(prefix="quire-anthology-")
    try:
        rows = []
        for n in sizes:
            src = os.path.join(work, f"in{n}")
            os.makedirs(src)
            for i in range(n):
                with open(os.path.join(src, f"a{i:05d}.txt"), "w", encoding="utf-8") as f:
                    f.write(f"{title} {i + 1}\n{rest}")
            out = os.path.join(work, f"out{n}")
            # Each book in a child of its own, so that ru_maxrss is that book's peak alone.
            r, w = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(r)
                t0 = time.monotonic()
                p = subprocess.run([args.quire, "anthology", src, "-o", out, "-q",
                                    "--format", args.format])
                wall = time.monotonic() - t0
                ru = resource.getrusage(resource.RUSAGE_CHILDREN)
                os.write(w, f"{p.returncode} {wall} {ru.ru_utime + ru.ru_stime} {ru.ru_maxrss}".encode())
                os._exit(0)
            os.close(w)
            data = os.read(r, 200).decode().split()
            os.waitpid(pid, 0)
            rc, wall, cpu, rss_kb = int(data[0]), float(data[1]), float(data[2]), int(data[3])
            if rc != 0:
                sys.exit(f"anthology_scale.py: quire failed on {n} articles (exit status {rc})")
            rows.append((n, wall, cpu, rss_kb / 1024))
            shutil.rmtree(src)
            shutil.rmtree(out)
        base = rows[0]
        print(f"{'articles':>8} {'wall s':>8} {'CPU s':>7} {'CPU ms/article':>15} {'peak MiB':>9} "
              f"{'memory x':>9} {'ms/article x':>13}")
        for n, wall, cpu, mib in rows:
            per = 1000 * cpu / n
            print(f"{n:>8} {wall:>8.2f} {cpu:>7.2f} {per:>15.2f} {mib:>9.1f} "
                  f"{mib / base[3]:>9.2f} {per / (1000 * base[2] / base[0]):>13.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
