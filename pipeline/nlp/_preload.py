"""Imported once by the forkserver that starts extraction workers (``nlp._start_pool``).

What every worker needs before it can parse, done once in the forkserver instead of in each
worker as it starts: importing spaCy and the component, reading the lexicons. Each worker then
only loads its pipeline.
"""

import spacy  # noqa: F401

import pipeline.nlp.component  # noqa: F401
from pipeline.nlp import lexicon

lexicon.warm()
