<?php
    /**
     * Builds a URL-safe slug from the title, e.g. "Hello, Wörld!" -> "hello-world".
     */
    public function slug(): string
    {
        $ascii = transliterator_transliterate('Any-Latin; Latin-ASCII; Lower()', $this->title);
        $slug = trim((string) preg_replace('/[^a-z0-9]+/', '-', (string) $ascii), '-');

        return $slug !== '' ? $slug : 'post-' . $this->id;
    }
