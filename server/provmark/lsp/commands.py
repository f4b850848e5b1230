"""The names the server and its clients share: commands, custom messages, the source
action's kind. Kept apart from the features that handle them, so that registering a
handler at start-up imports nothing heavy."""

from __future__ import annotations

CMD_TAG, CMD_UNTAG, CMD_TAG_ALL = "provmark.tag", "provmark.untag", "provmark.tagAll"
CMD_LIST, CMD_RESOLVE = "provmark.listUnreviewed", "provmark.resolveUnreviewed"
CMD_SCAN = "provmark.scanWorkspace"
TAG_ALL_KIND = "source.provmark.tagAll"
DID_PASTE = "provmark/didPaste"
STATUS = "provmark/status"
UNREVIEWED_CHANGED = "provmark/unreviewedChanged"
