<?php

declare(strict_types=1);

namespace TextUtil;

use InvalidArgumentException;

final class Slugger
{
    private const TRANSLIT = [
        'ä' => 'ae', 'ö' => 'oe', 'ü' => 'ue', 'ß' => 'ss', 'Ä' => 'Ae', 'Ö' => 'Oe', 'Ü' => 'Ue',
        'æ' => 'ae', 'ø' => 'o', 'å' => 'a', 'Æ' => 'Ae', 'Ø' => 'O', 'Å' => 'A',
        'é' => 'e', 'è' => 'e', 'ê' => 'e', 'ë' => 'e', 'á' => 'a', 'à' => 'a', 'â' => 'a',
        'í' => 'i', 'ì' => 'i', 'î' => 'i', 'ï' => 'i', 'ó' => 'o', 'ò' => 'o', 'ô' => 'o',
        'ú' => 'u', 'ù' => 'u', 'û' => 'u', 'ñ' => 'n', 'ç' => 'c', 'ł' => 'l', 'œ' => 'oe',
        '&' => ' and ', '@' => ' at ',
    ];

    public function __construct(
        private string $separator = '-',
        private int $maxLength = 80,
        private bool $lowercase = true,
    ) {
        if ($separator === '' || preg_match('/[a-z0-9]/i', $separator)) {
            throw new InvalidArgumentException('Separator must be a non-empty, non-alphanumeric string.');
        }
        if ($maxLength < 1) {
            throw new InvalidArgumentException('Max length must be positive.');
        }
    }

    public function slug(string $text): string
    {
        $text = strtr($text, self::TRANSLIT);
        $text = preg_replace('/[^A-Za-z0-9]+/', $this->separator, $text) ?? '';
        $text = trim($text, $this->separator);

        if ($this->lowercase) {
            $text = strtolower($text);
        }

        return $this->truncate($text);
    }

    /**
     * Returns a slug not present in $taken by appending -2, -3, ...
     *
     * @param iterable<string> $taken
     */
    public function unique(string $text, iterable $taken): string
    {
        $base = $this->slug($text);
        $set = [];
        foreach ($taken as $t) {
            $set[$t] = true;
        }

        if (!isset($set[$base])) {
            return $base;
        }

        for ($i = 2; ; $i++) {
            $suffix = $this->separator . $i;
            $candidate = $this->truncateTo($base, $this->maxLength - strlen($suffix)) . $suffix;
            if (!isset($set[$candidate])) {
                return $candidate;
            }
        }
    }

    private function truncate(string $slug): string
    {
        return $this->truncateTo($slug, $this->maxLength);
    }

    // Cut at a separator boundary where possible so words aren't split.
    private function truncateTo(string $slug, int $len): string
    {
        if (strlen($slug) <= $len) {
            return $slug;
        }

        $cut = substr($slug, 0, $len);
        $pos = strrpos($cut, $this->separator);

        if ($pos !== false && $pos > 0 && $slug[$len] !== ($this->separator[0] ?? '')) {
            $cut = substr($cut, 0, $pos);
        }

        return rtrim($cut, $this->separator);
    }
}
