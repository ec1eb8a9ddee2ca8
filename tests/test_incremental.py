import shutil
from pathlib import Path

import pytest

from crosscheck.pipeline import Params, run

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.mark.slow
def test_adding_one_article_embeds_only_that_articles_new_claims(tmp_path):
    seeds = sorted(SEEDS.glob("*.txt"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in seeds[:2]:
        shutil.copy(path, corpus / path.name)
    params = Params(cache_dir=str(tmp_path / "cache"))

    first = run([corpus], params)
    assert first.parsed == 2 and first.embedded == len({c.text for c in first.claims})

    warm = run([corpus], params)
    assert (warm.parsed, warm.embedded) == (0, 0)
    assert [f.id for f in warm.findings] == [f.id for f in first.findings]

    shutil.copy(seeds[2], corpus / seeds[2].name)
    added = run([corpus], params)
    new_texts = {c.text for c in added.claims if c.source_id == seeds[2].name} - {c.text for c in first.claims}
    assert added.parsed == 1
    assert added.embedded == len(new_texts) > 0
