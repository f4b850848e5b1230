"""The language server: thin LSP handlers, the features beside them (disk sync, the
workspace scan, tagging), and the pygls and lsprotocol glue."""
