"""Evidence sources: what reads the world (the AI tools' logs, git, the workspace's
files and their watcher, .gitignore rules, sidecars on disk)."""
