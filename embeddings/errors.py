"""The project's exceptions. Every message names the bad value and the fix."""
import errno
import os


class QAError(Exception):
    """Base class of every error this project raises on purpose.

    `zh` is the message in Chinese, for interfaces that speak only Chinese (the chat UI); when given, the
    full message is bilingual, Chinese first: QAError("question is empty", zh="问题为空") -> "问题为空 / question is empty".
    """

    def __init__(self, message: str = "", *, zh: str | None = None) -> None:
        super().__init__(f"{zh} / {message}" if zh else message)
        self.zh = zh


class InputError(QAError, ValueError):
    """A user-supplied value (query, k, path, setting) is invalid."""


class DocumentError(QAError):
    """A file cannot be read as a report (missing, empty, binary, unsupported)."""


class IndexNotFoundError(QAError):
    """No index exists at the given folder."""


class IndexMismatchError(QAError):
    """The index was built with other settings or is internally inconsistent."""


class ModelMissingError(QAError):
    """A model (encoder or reader) cannot be found or loaded."""


class DependencyMissingError(QAError):
    """An optional package needed for this feature is not installed."""


class IndexBusyError(QAError):
    """Another build is writing the index folder right now."""


class DiskFullError(QAError):
    """The disk filled up while an index or an upload was written (nothing was changed)."""


def is_disk_full(exc: BaseException) -> bool:
    """Whether an error is a full disk or quota: OSError ENOSPC / EDQUOT, or FAISS's write error, which only
    carries the text of errno ("... (No space left on device)")."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return isinstance(exc, (OSError, RuntimeError)) and any(
        text in str(exc) for text in (os.strerror(errno.ENOSPC), os.strerror(errno.EDQUOT)))


class IndexDamagedError(IndexMismatchError):
    """A file of an index folder is damaged (its size or checksum is not the manifest's, or it does not parse);
    `path` is that file."""

    def __init__(self, message: str = "", *, zh: str | None = None, path: str = "") -> None:
        super().__init__(message, zh=zh)
        self.path = path


class ReportNotFoundError(InputError):
    """No report of the loaded index has the number asked for."""


class SourceChangedError(DocumentError):
    """A report's source file is missing or no longer the file the index was built from."""
