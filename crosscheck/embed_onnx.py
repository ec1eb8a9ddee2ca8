"""The int8 ONNX backend: the packaged model exported once, quantized, run by onnxruntime.

Why not ``SentenceTransformer(path, backend="onnx")``: that path exports
through optimum, whose exporter fails against the transformers 5 installed
here. ``torch.onnx.export`` of the Hugging Face model works, and with mean
pooling and normalisation inside the graph the exported model returns the
same unit vectors as the sentence-transformers pipeline; onnxruntime runs it
and the model's own ``tokenizer.json`` (the ``tokenizers`` library) feeds it,
so neither torch nor transformers is imported once the export exists.

The export (about 5 s) runs once per model, weights file and library versions,
into the user cache folder; it is written to a temporary file and renamed, so
two processes exporting at once both end with a whole file.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

EXPORT_VERSION = "1"  # bump when the export or quantization below changes
ENCODING = "per-text-unpadded"  # how encode() feeds texts (a cache key part: batched or padded int8 vectors differ)
MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json)
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
MODEL_DIR_ENV = "CROSSCHECK_MODEL_CACHE"


def model_cache_dir() -> Path:
    """Where exported models live: $CROSSCHECK_MODEL_CACHE, else the user cache folder."""
    if os.environ.get(MODEL_DIR_ENV):
        return Path(os.environ[MODEL_DIR_ENV])
    import platformdirs

    return Path(platformdirs.user_cache_dir("crosscheck")) / "models"


def fingerprint(model_dir: str | os.PathLike[str]) -> str:
    """Names the export after what it was made from: weights (size, mtime), versions, this code."""
    import onnxruntime

    parts = [str(Path(model_dir).resolve()), EXPORT_VERSION, onnxruntime.__version__]
    for name in ("model.safetensors", "pytorch_model.bin", "config.json"):
        path = Path(model_dir) / name
        if path.exists():
            st = path.stat()
            parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:16]


def _export_fp32(model_dir: str, target: Path) -> None:
    """The Hugging Face model plus mean pooling and L2 normalisation, as one ONNX graph."""
    import torch
    from transformers import AutoModel

    # eager attention: the SDPA path drops an all-ones mask while tracing, and the graph would ignore padding
    model = AutoModel.from_pretrained(model_dir, attn_implementation="eager").eval()

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.model(input_ids=input_ids, attention_mask=attention_mask,
                                token_type_ids=token_type_ids).last_hidden_state
            weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2, dim=1)

    ids = torch.ones((2, 16), dtype=torch.long)
    mask = torch.ones_like(ids)
    mask[1, 10:] = 0  # a padded row, so the traced graph keeps the mask
    axes = {name: {0: "batch", 1: "tokens"} for name in INPUTS}
    with torch.no_grad():
        torch.onnx.export(Pooled(), (ids, mask, torch.zeros_like(ids)), str(target), input_names=list(INPUTS),
                          output_names=["sentence_embedding"], opset_version=17, dynamo=False,
                          dynamic_axes={**axes, "sentence_embedding": {0: "batch"}})


def export_int8(model_dir: str, target: Path) -> Path:
    """Export to fp32 ONNX, quantize the weights to int8 per channel, rename into ``target``.

    Per-channel int8 weights: per-tensor int8 moved vectors too far on these
    CPUs (mean cosine to fp32 0.957, lowest 0.79, on BASIL claims) while per
    channel keeps 0.992 (lowest 0.977) at the same speed.
    """
    import logging
    import warnings

    from onnxruntime.quantization import QuantType, quantize_dynamic

    target.parent.mkdir(parents=True, exist_ok=True)
    logging.getLogger().setLevel(max(logging.getLogger().level, logging.ERROR))  # the quantizer's advice lines
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".export-") as work, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tracer's notes on constant shapes: the mask is kept (see _export_fp32)
        fp32, int8 = Path(work) / "fp32.onnx", Path(work) / "int8.onnx"
        _export_fp32(model_dir, fp32)
        quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True)
        os.replace(int8, target)
    return target


def int8_model(model_dir: str) -> Path:
    """The int8 export of ``model_dir``, made now if it is not in the cache yet."""
    target = model_cache_dir() / f"minilm-int8-{fingerprint(model_dir)}.onnx"
    if not target.exists():
        export_int8(model_dir, target)
    return target


class OnnxEncoder:
    """``encode`` like a SentenceTransformer's, for the int8 export (vectors already unit length)."""

    def __init__(self, model_dir: str, onnx_path: str | os.PathLike[str] | None = None, threads: int | None = None):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.path = Path(onnx_path) if onnx_path else int8_model(model_dir)
        self.threads = threads or os.cpu_count() or 1  # texts run at once, each on one core (see encode)
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        # no busy-waiting between calls: on a shared machine (CI, a laptop) spinning threads steal others' cores
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(str(self.path), options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(Path(model_dir) / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        # the packaged tokenizer.json pads every text to 128 tokens: a 30-token sentence alone would cost four
        # times its own work, and the quantizer would scale its activations by the padding too
        self.tokenizer.no_padding()
        self.dimension = self.session.get_outputs()[0].shape[-1]

    def get_sentence_embedding_dimension(self) -> int:
        """As on a SentenceTransformer, so callers need not know which backend they hold."""
        return self.dimension

    def _embed_one(self, encoding) -> np.ndarray:
        ids = np.array([encoding.ids], dtype=np.int64)
        mask = np.array([encoding.attention_mask], dtype=np.int64)
        return self.session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]

    def encode(self, texts: Sequence[str], **_) -> np.ndarray:
        """One text at a time, ``threads`` texts at once.

        One text per call: dynamic quantization scales each call's activations by
        the whole input, so a text embedded in a batch would move with its
        batch-mates (cosine 0.991 to itself alone). Alone, a text's vector depends
        on the text only, whichever engine, partition or cache embeds it. One call
        on one sentence keeps one core busy and no more (two intra-op threads on
        1,500 claims: 6.1 s wall, 9.0 s CPU), so each core runs its own texts
        (3.4 s wall, 6.7 s CPU); onnxruntime releases the GIL while it runs.
        """
        encodings = self.tokenizer.encode_batch(list(texts))
        if not encodings:
            return np.zeros((0, self.dimension), np.float32)
        if self.threads == 1 or len(encodings) == 1:
            out = [self._embed_one(e) for e in encodings]
        else:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(self.threads, thread_name_prefix="crosscheck-onnx") as pool:
                out = list(pool.map(self._embed_one, encodings))
        return np.concatenate(out).astype(np.float32)
