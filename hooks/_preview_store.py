"""What the live preview keeps from one rebuild to the next.

Under `mkdocs serve` every save rebuilds the whole site, though a saved YAML file changes a few
pages only. Much of a rebuild is pure functions of inputs known before the work is done (a
guide's generated pages, a page's Markdown rendering, its search entries, its strict-CSP check);
the preview stores each result under a digest of those inputs and takes it from there when the
inputs come again.
The store is a hidden folder of the temporary site folder `mkdocs serve` builds into: MkDocs
never empties hidden entries there, and deletes the whole folder when it stops. Nothing is kept
in memory between builds, and `mkdocs build` (any command but `serve`) stores nothing.

Each build notes the results it used; at its end the others are deleted, so the folder holds one
site's worth and a long editing session does not fill the disk.
"""

import hashlib
import pickle
from pathlib import Path

import _guidekit_state

FOLDER = ".guidekit-preview"  # hidden: MkDocs' clean-up of the site folder leaves it alone
_KEY = "guidekit_preview_store"


class PreviewStore:
    def __init__(self, site_dir: str):
        self.folder = Path(site_dir) / FOLDER
        self.used: set[str] = set()

    def _path(self, kind: str, inputs: bytes) -> Path:
        name = f"{kind}-{hashlib.sha256(inputs).hexdigest()}"
        self.used.add(name)
        return self.folder / name

    def get(self, kind: str, inputs: bytes):
        """The stored result for these inputs, or None."""
        path = self._path(kind, inputs)
        return pickle.loads(path.read_bytes()) if path.is_file() else None

    def put(self, kind: str, inputs: bytes, result) -> None:
        self.folder.mkdir(exist_ok=True)
        self._path(kind, inputs).write_bytes(pickle.dumps(result))

    def forget_unused(self) -> None:
        for path in self.folder.iterdir() if self.folder.is_dir() else []:
            if path.name not in self.used:
                path.unlink()


def store(config) -> PreviewStore | None:
    """This build's store (made at its first use); None outside the live preview."""
    if not _guidekit_state.is_live_preview():
        return None
    if _KEY not in config:
        config[_KEY] = PreviewStore(config.site_dir)
    return config[_KEY]
