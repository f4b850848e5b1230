"""pygls's protocol, with Provmark's document handlers and two fixes to pygls 2.1."""

from __future__ import annotations

import json
import logging
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from lsprotocol import types as t
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from provmark.lsp import fast_start

if TYPE_CHECKING:
    from provmark.lsp.server import ProvmarkServer

log = logging.getLogger("provmark")

# handle_message drops messages whose jsonrpc is not "2.0": what a malformed one becomes.
_IGNORED = SimpleNamespace(jsonrpc="malformed")


class ProvmarkProtocol(LanguageServerProtocol):
    """pygls's protocol with the document handlers replaced by ours (pygls's own text
    store is wrong for form feeds and U+2028 and rebuilds the text on every edit), and
    without the Future that pygls keeps forever for each notification it handles."""

    # The first request, when `provmark serve` read it before pygls (lsp/fast_start).
    early: fast_start.EarlyReply | None = None

    @property
    def provmark(self) -> ProvmarkServer:
        return self._server  # type: ignore[return-value]  # always a ProvmarkServer here

    def _send_response(self, msg_id: Any, result: Any = None, error: Any = None) -> None:
        early = self.early
        if early is None or msg_id != early.msg_id:
            super()._send_response(msg_id, result, error)
            return
        self.early = None
        if error is not None:
            if early.sent is None:  # (answered already: the client has its capabilities)
                super()._send_response(msg_id, result, error)
            return
        reply = json.loads(json.dumps(result, default=self._serialize_message))
        if early.sent is None:
            super()._send_response(msg_id, result, error)
        elif reply == early.sent:
            return  # sent at start, the same
        else:  # the key missed a change: the client has the old capabilities until restart
            log.warning("the early reply to initialize differed from pygls's; kept the new one for the next start")
        if isinstance(reply, dict):
            fast_start.remember(early.key, reply)

    def _execute_handler(self, msg_id: Any, handler: Any, callback: Any, args: Any = None, kwargs: Any = None) -> None:
        super()._execute_handler(msg_id, handler, callback, args, kwargs)
        fut = self._request_futures.get(msg_id)
        if fut is not None:
            # pygls pops request futures when it answers; notifications and its internal
            # generator steps were never popped (about 2 KB per didChange).
            def forget(f: Any, m: Any = msg_id) -> None:
                # Not when cancelled: pygls cancels the pending ones at shutdown while
                # iterating over this very dict.
                if not f.cancelled():
                    self._request_futures.pop(m, None)

            fut.add_done_callback(forget)

    def structure_message(self, data: dict[str, Any]) -> Any:
        """pygls raises on malformed params and never answers such a request; answer it
        with InvalidParams and go on."""
        try:
            return super().structure_message(data)
        except JsonRpcException:
            method = data.get("method") if isinstance(data, dict) else None
            log.warning("malformed %s message ignored", method)
            if isinstance(data, dict) and "id" in data and method is not None:
                err = JsonRpcInvalidParams(f"{method}: invalid params").to_response_error()
                self._send_response(data["id"], error=err)
            return _IGNORED

    @lsp_method(t.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: t.DidOpenTextDocumentParams) -> None:
        self.provmark.did_open(params)

    @lsp_method(t.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: t.DidChangeTextDocumentParams) -> None:
        self.provmark.did_change(params)

    @lsp_method(t.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: t.DidCloseTextDocumentParams) -> None:
        self.provmark.did_close(params)
