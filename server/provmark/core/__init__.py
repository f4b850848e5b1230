"""The pure core: evidence, findings, documents and their regions, judging. It imports
no pygls, no lsprotocol and no evidence source, and reads nothing."""
