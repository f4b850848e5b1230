<?php

declare(strict_types=1);

/**
 * Demonstrates expiry, LRU eviction and the remember() helper.
 * Run with: php demo.php
 */

require __DIR__ . '/src/ClockInterface.php';
require __DIR__ . '/src/TtlCache.php';

use App\Cache\FrozenClock;
use App\Cache\TtlCache;

$clock = new FrozenClock(1_700_000_000);
$cache = new TtlCache(capacity: 3, defaultTtl: 60, clock: $clock);

// Basic set/get with the default TTL.
$cache->set('greeting', 'hello');
echo 'greeting: ', var_export($cache->get('greeting'), true), PHP_EOL;

// Advance past the TTL; the entry should now be gone.
$clock->advance(61);
echo 'greeting after 61s: ', var_export($cache->get('greeting', 'expired'), true), PHP_EOL;

// Fill the cache beyond capacity to trigger LRU eviction.
$cache->set('a', 1);
$cache->set('b', 2);
$cache->set('c', 3);
$cache->get('a');        // "a" becomes most recently used
$cache->set('d', 4);     // evicts "b", the least recently used

foreach (['a', 'b', 'c', 'd'] as $key) {
    printf("has(%s): %s\n", $key, $cache->has($key) ? 'yes' : 'no');
}

// remember() only calls the producer once.
$calls = 0;
$producer = static function () use (&$calls): ?string {
    $calls++;
    return null; // null values are cached too
};

$cache->remember('nullable', $producer);
$cache->remember('nullable', $producer);
printf("producer called %d time(s)\n", $calls);

// Invalid input produces a clear error message.
try {
    $cache->set('bad', 'value', 0);
} catch (InvalidArgumentException $e) {
    echo 'Error: ', $e->getMessage(), PHP_EOL;
}

print_r($cache->stats());
