<?php
declare(strict_types=1);

namespace RL;

final class TokenBucket
{
    private \Closure $now;

    public function __construct(
        private Store $s,
        public readonly int $cap,
        private float $rate, // tokens/sec
        ?\Closure $now = null,
    ) {
        $this->now = $now ?? fn() => microtime(true);
    }

    public function hit(string $key, int $cost = 1): Decision
    {
        $t = ($this->now)();
        [$tok, $ts] = $this->s->get($key) ?? [$this->cap, $t];
        $tok = min($this->cap, $tok + ($t - $ts) * $this->rate);

        $ok = $tok >= $cost;
        if ($ok) $tok -= $cost;

        $this->s->put($key, [$tok, $t], (int) ceil($this->cap / $this->rate) + 1);

        return new Decision($ok, (int) floor($tok), $ok ? 0.0 : ($cost - $tok) / $this->rate);
    }
}

final class SlidingWindow
{
    private \Closure $now;

    public function __construct(
        private Store $s,
        public readonly int $max,
        private int $win,
        ?\Closure $now = null,
    ) {
        $this->now = $now ?? fn() => microtime(true);
    }

    // weighted approximation: prev window count * overlap + current count
    public function hit(string $key): Decision
    {
        $t = ($this->now)();
        $cur = (int) floor($t / $this->win);
        $elapsed = ($t - $cur * $this->win) / $this->win;

        $c = $this->s->get("$key:$cur")[0] ?? 0;
        $p = $this->s->get("$key:" . ($cur - 1))[0] ?? 0;
        $est = $p * (1 - $elapsed) + $c;

        if ($est >= $this->max) {
            $retry = $p > 0 ? ($est - $this->max + 1) / $p * $this->win : ($cur + 1) * $this->win - $t;
            return new Decision(false, 0, min($retry, ($cur + 1) * $this->win - $t));
        }

        $this->s->put("$key:$cur", [$c + 1], $this->win * 2);
        return new Decision(true, (int) floor($this->max - $est - 1), 0.0);
    }
}
