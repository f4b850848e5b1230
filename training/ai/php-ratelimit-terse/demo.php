<?php
declare(strict_types=1);

require __DIR__ . '/Limiter.php';
require __DIR__ . '/TokenBucket.php';

use RL\{MemStore, TokenBucket, SlidingWindow};

$t = 1000.0;
$tick = function (float $s) use (&$t) { $t += $s; };
$clock = function () use (&$t) { return $t; };

$tb = new TokenBucket(new MemStore($clock), cap: 5, rate: 1.0, now: $clock);

$out = [];
for ($i = 0; $i < 7; $i++) $out[] = $tb->hit('ip:1')->ok ? 'Y' : 'n';
echo 'bucket burst:  ', implode('', $out), PHP_EOL;

$tick(2.5);
$d = $tb->hit('ip:1');
printf("after 2.5s:    ok=%s left=%d\n", var_export($d->ok, true), $d->left);

$d = $tb->hit('ip:1', 3);
printf("cost 3:        ok=%s retry=%.2fs\n", var_export($d->ok, true), $d->retryIn);
print_r($d->headers($tb->cap));

$sw = new SlidingWindow(new MemStore($clock), max: 3, win: 10, now: $clock);
$t = 2000.0;
$res = array_map(fn() => $sw->hit('u:9')->ok ? 'Y' : 'n', range(1, 5));
echo 'window:        ', implode('', $res), PHP_EOL;

$tick(12); // into next window, 20% elapsed -> prev weight 0.8*3=2.4
$d = $sw->hit('u:9');
printf("next window:   ok=%s retry=%.1fs\n", var_export($d->ok, true), $d->retryIn);
$tick(5);
echo 'later:         ', $sw->hit('u:9')->ok ? 'Y' : 'n', PHP_EOL;

// keys are independent
$tb2 = new TokenBucket(new MemStore($clock), cap: 1, rate: 0.1, now: $clock);
$r = fn(string $k) => $tb2->hit($k)->ok ? 'Y' : 'n';
printf("per-key:       a=%s a=%s b=%s\n", $r('a'), $r('a'), $r('b'));
$tick(10);
printf("refilled:      a=%s\n", $r('a'));
