#!/usr/bin/env python3
"""Generate a deterministic synthetic workshop corpus for benchmarks and scale tests.

Layout follows a workshop: contentspec.yaml, content/<chapter>/<page>/index.<locale>.md,
static/images/*.png. Pages carry YAML front matter, headings, prose, lists, tables,
fenced code, internal links (to pages and to heading anchors), images and
Workshop Studio-style directives (alert, code, tabs/tab, expand).

usage: gen-corpus.py OUT_DIR [--pages N] [--chapters C] [--locales en,ja] [--seed S]
                     [--broken K]   # plant K broken links (reported on stderr)

The same arguments give the same bytes. Each planted broken link is reported on stderr as
"broken link planted in <chapter>/<page>" and is written into every locale of that page.
Used by tests/bench/bench.sh and by the unit test "gen-corpus.py --broken 25 yields exactly
the 25 planted findings" (tests/unit/resolve/links_test.cpp). It is the project's own (it came
from the shared tools folder the project used before the repository stood alone).
"""
import argparse, os, random

WORDS = ("operations runbook patch baseline monitoring alarm escalation owner trigger "
         "rollback pipeline deployment change approval inventory tagging backup restore "
         "incident service catalog license account governance cost budget automation "
         "document procedure validation outcome window maintenance fleet instance "
         "cluster event metric dashboard log retention policy control audit").split()

def sentence(r, n=12):
    w = [r.choice(WORDS) for _ in range(n)]
    w[0] = w[0].capitalize()
    return " ".join(w) + "."

def para(r, links):
    parts = []
    for _ in range(r.randint(3, 6)):
        s = sentence(r, r.randint(8, 18))
        if links and r.random() < 0.35:
            target, anchor, label = r.choice(links)
            s += f" See [{label}]({target}{'#' + anchor if anchor else ''})."
        parts.append(s)
    return " ".join(parts)

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", help="output folder (a Workshop Studio repository)")
    ap.add_argument("--pages", type=int, default=1000, help="number of pages (default 1000)")
    ap.add_argument("--chapters", type=int, default=0, help="number of chapters (default: about sqrt(pages)/2)")
    ap.add_argument("--locales", default="en", help="comma-separated locales, the first is the default (default en)")
    ap.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    ap.add_argument("--broken", type=int, default=0, help="plant this many broken links (default 0)")
    a = ap.parse_args()
    r = random.Random(a.seed)
    locales = a.locales.split(",")
    chapters = a.chapters or max(1, int(a.pages ** 0.5) // 2)
    per = max(1, a.pages // chapters)
    pages = []  # (chapter, slug)
    for c in range(chapters):
        for p in range(per):
            if len(pages) < a.pages:
                pages.append((f"{c + 1:03d}-chapter", f"{p + 1:03d}-page"))
    headings = ["Overview", "Prerequisites", "Procedure", "Validation", "Rollback", "Escalation"]
    slug = lambda h: h.lower()
    n_images = 20
    os.makedirs(os.path.join(a.out, "static", "images"), exist_ok=True)
    for i in range(n_images):
        with open(os.path.join(a.out, "static", "images", f"figure-{i:02d}.png"), "wb") as f:
            f.write(b"\x89PNG\r\n\x1a\n" + bytes([i]) * 64)
    with open(os.path.join(a.out, "contentspec.yaml"), "w") as f:
        f.write("version: 2.0\n\n")
        f.write(f"defaultLocaleCode: {'en-US' if locales[0] == 'en' else locales[0]}\n")
        f.write("localeCodes:\n" + "".join(f"  - {'en-US' if l == 'en' else l}\n" for l in locales))
    broken_at = set(r.sample(range(len(pages)), min(a.broken, len(pages))))
    def write(path, title, weight, body, loc):
        os.makedirs(path, exist_ok=True)
        with open(os.path.join(path, f"index.{loc}.md"), "w") as f:
            f.write(f"---\ntitle: \"{title}\"\nweight: {weight}\n---\n\n{body}")
    for loc in locales:
        write(os.path.join(a.out, "content"), "Synthetic workshop", 0,
              "Welcome.\n\n" + "".join(f"- [Chapter {c + 1}](/{c + 1:03d}-chapter/)\n" for c in range(chapters)), loc)
        for c in range(chapters):
            write(os.path.join(a.out, "content", f"{c + 1:03d}-chapter"), f"Chapter {c + 1}", (c + 1) * 10,
                  para(r, []) + "\n\n::children\n", loc)
    for idx, (ch, pg) in enumerate(pages):
        links = []
        for _ in range(6):
            tc, tp = r.choice(pages)
            links.append((f"/{tc}/{tp}/", r.choice([None, slug(r.choice(headings))]), f"{tc} {tp}"))
        body = [para(r, links), ""]
        for h in headings:
            body += [f"## {h}", "", para(r, links), ""]
            roll = r.random()
            if roll < 0.2:
                body += ["```bash", f"aws ssm send-command --document-name AWS-RunPatchBaseline --targets Key=tag:Group,Values={h}", "```", ""]
            elif roll < 0.3:
                body += ["| Step | Owner | Target |", "|---|---|---|"] + \
                        [f"| {j} | {r.choice(WORDS)} | {r.randint(1, 99)} min |" for j in range(1, 5)] + [""]
            elif roll < 0.4:
                body += [f"::alert[{sentence(r)}]{{type=\"warning\" header=\"Note\"}}", ""]
            elif roll < 0.48:
                body += [":::::tabs{variant=\"container\"}", "::::tab{label=\"Console\"}", para(r, links), "::::",
                         "::::tab{label=\"CLI\"}", ":::code{language=bash showCopyAction=true}", "aws ec2 describe-instances", ":::", "::::", ":::::", ""]
            elif roll < 0.55:
                body += ["::::expand{header=\"Show solution\"}", para(r, links), "::::", ""]
            elif roll < 0.65:
                body += [f"![figure](/static/images/figure-{r.randrange(n_images):02d}.png)", ""]
            elif roll < 0.75:
                body += [f"1. {sentence(r)}", f"2. {sentence(r)}", f"   - {sentence(r, 6)}", f"3. {sentence(r)}", ""]
        if idx in broken_at:
            body += ["See [the missing page](/no-such-chapter/no-such-page/).", ""]
            import sys
            print(f"broken link planted in {ch}/{pg}", file=sys.stderr)
        for loc in locales:
            write(os.path.join(a.out, "content", ch, pg), f"{ch} {pg}", idx, "\n".join(body), loc)

if __name__ == "__main__":
    main()
