<?php

declare(strict_types=1);

namespace App\Cache;

use InvalidArgumentException;

/**
 * An in-memory key/value cache with per-entry time-to-live and an
 * upper bound on the number of entries.
 *
 * When the cache is full, the least recently used entry is evicted.
 * PHP arrays preserve insertion order, so we get LRU behaviour cheaply
 * by removing and re-inserting a key whenever it is accessed.
 */
final class TtlCache
{
    /**
     * @var array<string, array{value: mixed, expiresAt: int|null}>
     *      Cached entries keyed by cache key. A null expiry means "never expires".
     */
    private array $entries = [];

    /** @var int Number of successful lookups. */
    private int $hits = 0;

    /** @var int Number of failed or expired lookups. */
    private int $misses = 0;

    /**
     * Create a new cache.
     *
     * @param int            $capacity   Maximum number of entries to hold.
     * @param int|null       $defaultTtl Default TTL in seconds, or null for no expiry.
     * @param ClockInterface $clock      Time source used for expiry checks.
     *
     * @throws InvalidArgumentException If capacity or default TTL are not positive.
     */
    public function __construct(
        private readonly int $capacity = 1000,
        private readonly ?int $defaultTtl = null,
        private readonly ClockInterface $clock = new SystemClock(),
    ) {
        if ($capacity < 1) {
            throw new InvalidArgumentException('Cache capacity must be at least 1.');
        }

        if ($defaultTtl !== null && $defaultTtl <= 0) {
            throw new InvalidArgumentException('Default TTL must be a positive number of seconds.');
        }
    }

    /**
     * Store a value in the cache.
     *
     * @param string   $key   The cache key; must not be empty.
     * @param mixed    $value The value to store.
     * @param int|null $ttl   TTL in seconds; falls back to the default TTL when null.
     *
     * @return void
     *
     * @throws InvalidArgumentException If the key is empty or the TTL is not positive.
     */
    public function set(string $key, mixed $value, ?int $ttl = null): void
    {
        $this->assertValidKey($key);

        $ttl ??= $this->defaultTtl;
        if ($ttl !== null && $ttl <= 0) {
            throw new InvalidArgumentException(sprintf('TTL for key "%s" must be positive, %d given.', $key, $ttl));
        }

        // Remove first so that re-setting a key moves it to the "most recent" end.
        unset($this->entries[$key]);

        $this->entries[$key] = [
            'value' => $value,
            'expiresAt' => $ttl === null ? null : $this->clock->now() + $ttl,
        ];

        $this->evictIfNeeded();
    }

    /**
     * Retrieve a value from the cache.
     *
     * @param string $key     The cache key.
     * @param mixed  $default Value returned when the key is missing or expired.
     *
     * @return mixed The cached value or $default.
     *
     * @throws InvalidArgumentException If the key is empty.
     */
    public function get(string $key, mixed $default = null): mixed
    {
        $this->assertValidKey($key);

        if (!$this->isFresh($key)) {
            $this->misses++;
            return $default;
        }

        // Touch the entry so it becomes the most recently used.
        $entry = $this->entries[$key];
        unset($this->entries[$key]);
        $this->entries[$key] = $entry;

        $this->hits++;

        return $entry['value'];
    }

    /**
     * Return the cached value, computing and storing it on a miss.
     *
     * @param string   $key      The cache key.
     * @param callable $producer Called with no arguments to produce the value on a miss.
     * @param int|null $ttl      Optional TTL for the newly computed value.
     *
     * @return mixed
     */
    public function remember(string $key, callable $producer, ?int $ttl = null): mixed
    {
        // Use a unique sentinel so that cached nulls are still treated as hits.
        $sentinel = new \stdClass();
        $value = $this->get($key, $sentinel);

        if ($value !== $sentinel) {
            return $value;
        }

        $value = $producer();
        $this->set($key, $value, $ttl);

        return $value;
    }

    /**
     * Check whether a non-expired entry exists for the key.
     *
     * @param string $key The cache key.
     *
     * @return bool
     */
    public function has(string $key): bool
    {
        $this->assertValidKey($key);

        return $this->isFresh($key);
    }

    /**
     * Remove an entry from the cache.
     *
     * @param string $key The cache key.
     * @return bool True if an entry was removed.
     */
    public function delete(string $key): bool
    {
        $existed = array_key_exists($key, $this->entries);
        unset($this->entries[$key]);

        return $existed;
    }

    /**
     * Remove all expired entries and return how many were purged.
     *
     * @return int
     */
    public function prune(): int
    {
        $removed = 0;
        foreach (array_keys($this->entries) as $key) {
            if (!$this->isFresh((string) $key)) {
                $removed++;
            }
        }

        return $removed;
    }

    /**
     * Return hit/miss statistics.
     *
     * @return array{hits: int, misses: int, size: int, hitRatio: float}
     */
    public function stats(): array
    {
        $total = $this->hits + $this->misses;

        return [
            'hits' => $this->hits,
            'misses' => $this->misses,
            'size' => count($this->entries),
            'hitRatio' => $total === 0 ? 0.0 : round($this->hits / $total, 4),
        ];
    }

    /**
     * Determine whether the entry exists and has not expired.
     * Expired entries are removed as a side effect.
     *
     * @param string $key The cache key.
     *
     * @return bool
     */
    private function isFresh(string $key): bool
    {
        if (!array_key_exists($key, $this->entries)) {
            return false;
        }

        $expiresAt = $this->entries[$key]['expiresAt'];
        if ($expiresAt !== null && $expiresAt <= $this->clock->now()) {
            unset($this->entries[$key]);
            return false;
        }

        return true;
    }

    /**
     * Evict least recently used entries until the cache is within capacity.
     */
    private function evictIfNeeded(): void
    {
        while (count($this->entries) > $this->capacity) {
            // The first key in the array is the least recently used one.
            $oldestKey = array_key_first($this->entries);
            unset($this->entries[$oldestKey]);
        }
    }

    /**
     * Ensure a cache key is usable.
     *
     * @param string $key The key to validate.
     *
     * @throws InvalidArgumentException If the key is empty or contains only whitespace.
     */
    private function assertValidKey(string $key): void
    {
        if (trim($key) === '') {
            throw new InvalidArgumentException('Cache key must be a non-empty string.');
        }
    }
}
