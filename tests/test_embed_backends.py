"""Two embedding backends: chosen by name, cached apart, and the int8 export close to fp32."""
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from crosscheck import embed
from crosscheck.embed import BACKENDS, Embedder
from crosscheck.ingest import InputError
from crosscheck.pipeline import Params, run

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


class CountingModel:
    """A stand-in encoder per backend: distinct vectors, and a count of the texts it was asked to embed."""

    def __init__(self, backend: str):
        self.backend, self.texts = backend, 0

    def encode(self, texts, batch_size=64, **_):
        self.texts += len(texts)
        out = np.zeros((len(texts), embed.DIMENSIONS), dtype=np.float32)
        out[:, BACKENDS.index(self.backend)] = 1.0
        return out


@pytest.fixture
def models(monkeypatch):
    made = {b: CountingModel(b) for b in BACKENDS}
    monkeypatch.setattr(embed, "load_model", lambda name=embed.DEFAULT_MODEL, backend="torch": made[backend])
    return made


def test_vectors_of_the_two_backends_never_share_a_cache_entry(tmp_path, models):
    texts = ["Nine people were killed.", "The vote was 134 to 63.", "Nine people were killed."]
    torch_first = Embedder(cache_dir=str(tmp_path), backend="torch").transform(texts)
    int8 = Embedder(cache_dir=str(tmp_path), backend="onnx-int8")
    int8_first = int8.transform(texts)
    assert int8.n_embedded_ == 2  # the torch vectors of the same texts were not taken
    assert (torch_first[:, 0] == 1).all() and (int8_first[:, 1] == 1).all()

    for backend, expected in (("torch", torch_first), ("onnx-int8", int8_first)):
        again = Embedder(cache_dir=str(tmp_path), backend=backend)
        np.testing.assert_array_equal(again.transform(texts), expected)
        assert again.n_embedded_ == 0  # each backend finds its own vectors
    assert {b: m.texts for b, m in models.items()} == {"torch": 2, "onnx-int8": 2}


def test_the_torch_key_is_the_key_of_caches_made_before_backends():
    """A cache filled before the option existed stays valid for the default-until-now backend."""
    assert Embedder(backend="torch").cache_model_key == embed.DEFAULT_MODEL
    assert Embedder(backend="onnx-int8").cache_model_key != embed.DEFAULT_MODEL


def test_the_run_uses_the_backend_it_is_given_and_records_it(tmp_path, models):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(SEEDS.glob("*.txt"))[:2]:
        (corpus / path.name).write_bytes(path.read_bytes())
    result = run([corpus], Params(cache_dir=str(tmp_path / "cache"), embedder="onnx-int8"))
    assert result.params["embed"]["backend"] == "onnx-int8"
    assert models["onnx-int8"].texts == result.embedded > 0 and models["torch"].texts == 0


def test_an_unknown_backend_is_refused_before_any_work(tmp_path, models):
    with pytest.raises(InputError, match="embedder must be one of torch, onnx-int8"):
        run([SEEDS], Params(cache_dir=str(tmp_path), embedder="onnx"))
    assert all(m.texts == 0 for m in models.values())


def test_a_bad_embedder_on_the_command_line_is_one_line_and_exit_2(tmp_path):
    for command in ("run", "check"):
        proc = subprocess.run([sys.executable, "-m", "crosscheck", command, str(SEEDS), "--embedder", "gpu",
                               "--cache-dir", str(tmp_path)], capture_output=True, text=True, cwd=ROOT)
        assert proc.returncode == 2, (command, proc.stderr)
        errors = [line for line in proc.stderr.strip().splitlines() if not line.startswith("crosscheck: warning:")]
        assert errors == ["crosscheck: error: embedder must be one of torch, onnx-int8 (got 'gpu')"], proc.stderr


@pytest.mark.slow
def test_the_int8_export_is_made_once_and_stays_close_to_the_torch_vectors(tmp_path, monkeypatch):
    from crosscheck import embed_onnx
    from crosscheck.claims import extract_claims
    from crosscheck.ingest import ingest

    monkeypatch.setenv(embed_onnx.MODEL_DIR_ENV, str(tmp_path / "models"))
    texts = sorted({c.text for c in extract_claims(ingest([str(SEEDS)]).articles)})
    assert len(texts) > 50
    model_dir = embed._model_path(embed.DEFAULT_MODEL)

    encoder = embed_onnx.OnnxEncoder(model_dir)
    assert encoder.path.parent == tmp_path / "models" and encoder.path.exists()
    assert [p.name for p in (tmp_path / "models").iterdir()] == [encoder.path.name]  # no temporary files left
    made = encoder.path.stat().st_mtime_ns
    assert embed_onnx.OnnxEncoder(model_dir).path.stat().st_mtime_ns == made  # the second load exports nothing

    int8 = encoder.encode(texts, batch_size=16)
    fp32 = embed.load_model(embed.DEFAULT_MODEL, "torch").encode(texts, normalize_embeddings=True)
    np.testing.assert_allclose(np.linalg.norm(int8, axis=1), 1.0, atol=1e-4)
    cosine = (int8 * fp32).sum(axis=1)
    assert cosine.min() > 0.97 and cosine.mean() > 0.985, (cosine.min(), cosine.mean())
    # each text is run alone, whatever else the call holds and whichever thread runs it: bit for bit the same
    np.testing.assert_array_equal(encoder.encode([texts[0]])[0], int8[0])
    np.testing.assert_array_equal(encoder.encode(texts[::-1])[::-1], int8)
    single = embed_onnx.OnnxEncoder(model_dir, threads=1)
    np.testing.assert_array_equal(single.encode(texts[:20]), int8[:20])
    # and fed as its own tokens: the packaged tokenizer would pad every text to 128
    assert len(encoder.tokenizer.encode("Nine people were killed.").ids) == 7


@pytest.mark.slow
@pytest.mark.skipif(not (ROOT.parent / "shared" / "eval" / "score.py").exists(), reason="needs ../shared/eval")
def test_the_labelled_sets_are_scored_with_the_backend_asked_for(tmp_path, models, monkeypatch, capsys):
    import importlib.util

    monkeypatch.setenv("CROSSCHECK_CACHE_DIR", str(tmp_path / "cache"))
    spec = importlib.util.spec_from_file_location("crosscheck_evaluate", ROOT / "eval" / "evaluate.py")
    evaluate = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, evaluate)  # its dataclasses look their module up
    spec.loader.exec_module(evaluate)
    for backend in BACKENDS:
        assert evaluate.main(["seeds", "--embedder", backend, "--out", str(tmp_path / backend)]) == 0
        written = (tmp_path / backend / "seeds" / "seeds.json").read_text()
        assert f'"backend": "{backend}"' in written
    assert models["torch"].texts == models["onnx-int8"].texts > 0
    with pytest.raises(SystemExit):
        evaluate.main(["seeds", "--embedder", "gpu"])
    assert "invalid choice: 'gpu'" in capsys.readouterr().err
