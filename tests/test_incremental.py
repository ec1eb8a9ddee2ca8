import shutil
import subprocess
import sys
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

    # a fully warm run in a fresh process loads neither spaCy nor the embedding model
    probe = ("import sys; from crosscheck.pipeline import Params, run; "
             f"r = run([{str(corpus)!r}], Params(cache_dir={params.cache_dir!r})); "
             "print(r.parsed, r.embedded, 'spacy' in sys.modules, 'torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parent.parent).stdout.split()
    assert out == ["0", "0", "False", "False"]

    shutil.copy(seeds[2], corpus / seeds[2].name)
    added = run([corpus], params)
    new_texts = {c.text for c in added.claims if c.source_id == seeds[2].name} - {c.text for c in first.claims}
    assert added.parsed == 1
    assert added.embedded == len(new_texts) > 0
