"""Aligning a collection of related pairs (issue 18): `realign_collection`, what the re-align
job and `manage.py realign_translations --force` run, beside the bare cost of comparing the
same texts with `compare_texts` (the floor: the job adds reading both articles' figures,
matching them to the stored ones and writing the rows).

    .venv/bin/python bench/realign.py [--pairs 200] [--seed 1]

The pairs are short Chinese reports and their English translations (five figures each, one
pair in four with a figure changed), written to a throwaway SQLite database with their figures
detected. Prints one Markdown table: pairs, seconds, pairs per second, for both; the job's
progress goes to stderr as it runs.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

ZH = "{n}月，网信部门清理违法信息近{a}万条，处置违规账号{b}万个，其中约{c}个被关闭；另有超过{d}个账号被禁言，罚款{e}万元。"
EN = (
    "In month {n}, regulators removed nearly {a}0,000 illegal posts and dealt with {b}0,000 "
    "accounts, about {c} of them closed; more than {d} accounts were muted and fines of "
    "{e}0,000 yuan imposed."
)


def _setup(db_dir: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{db_dir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as db_dir:
        _setup(db_dir)
        from articles.models import Article, ArticleRelation, Collection
        from claims.alignments.tasks import realign_collection
        from claims.services import articles_detect
        from claims.translations import compare_texts

        rng = random.Random(args.seed)
        collection = Collection.objects.create(name="Bench", slug="bench")
        texts = []
        for i in range(args.pairs):
            values = {
                "n": i % 12 + 1,
                "a": rng.randint(2, 99),
                "b": rng.randint(2, 99),
                "c": rng.randint(100, 9999),
                "d": rng.randint(100, 9999),
                "e": rng.randint(2, 99),
            }
            translated = dict(values)
            if i % 4 == 0:
                translated["c"] += 1000  # a changed value
            texts.append((f"#{i} " + ZH.format(**values), f"#{i} " + EN.format(**translated)))
        originals = [
            Article(collection=collection, title=f"zh {i}", text=zh, language="zh")
            for i, (zh, _) in enumerate(texts)
        ]
        derived = [
            Article(collection=collection, title=f"en {i}", text=en, language="en")
            for i, (_, en) in enumerate(texts)
        ]
        for article in (*originals, *derived):
            article.clean_text()
        Article.objects.bulk_create([*originals, *derived])
        articles_detect(articles=[*originals, *derived])
        ArticleRelation.objects.bulk_create(
            ArticleRelation(derived=d, original=o, derived_language="en", original_language="zh")
            for d, o in zip(derived, originals, strict=True)
        )
        compare_texts(*texts[0], original_language="zh", translation_language="en")  # warm-up
        start = time.process_time()
        for zh, en in texts:
            compare_texts(zh, en, original_language="zh", translation_language="en")
        bare = time.process_time() - start
        start = time.process_time()
        total, aligned = realign_collection(
            collection,
            force=True,
            # the job's progress as it goes, as the job page shows it (every 10%)
            on_progress=lambda done, total: (
                print(f"aligned {done:,} / {total:,}", file=sys.stderr)
                if done % max(total // 10, 1) == 0 or done == total
                else None
            ),
        )
        ours = time.process_time() - start
        assert total == aligned == args.pairs
        print("| what | pairs | CPU s | pairs per CPU s |")
        print("|---|---:|---:|---:|")
        print(
            f"| compare_texts alone (floor) | {args.pairs:,} | {bare:.2f} | {args.pairs / bare:,.0f} |"
        )
        print(f"| realign_collection (stored) | {total:,} | {ours:.2f} | {total / ours:,.0f} |")


if __name__ == "__main__":
    main()
