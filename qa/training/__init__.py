"""Training: make the reader. `generate` (with `candidates` and `questions`) writes labelled examples
from the reports, `features` turns them into model inputs, `train` fine-tunes the reader and `card`
writes its model card, `calibrate` fits the "no answer" threshold on the gold questions (`gold`), and
`tiny` builds a tiny reader for tests.

May import: `embeddings/`, `qa.reading` (the reader's windows and header), `qa.assistant` and
`qa.settings` (calibration runs the assistant end to end), `qa.metrics`; torch and transformers inside
functions. Never the interfaces or `eval/`.
"""
