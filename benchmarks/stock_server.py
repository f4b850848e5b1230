"""A do-nothing stock pygls server: the baseline the benchmark compares against."""

import logging

from pygls.lsp.server import LanguageServer

logging.getLogger("pygls").setLevel(logging.WARNING)
LanguageServer("stock", "0").start_io()
